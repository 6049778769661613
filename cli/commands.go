package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commands builds cradle's command table: the root (the full-screen
// interface) and every command under it, in the order help lists them.
// Help, the man page and the shell completions are all made from it.
func (inv *invocation) commands() *cobra.Command {
	cobra.EnableCommandSorting = false // the table's order: the most used first
	root := inv.rootCommand()
	root.AddCommand(
		inv.runCommand(),
		inv.routinesCommand(),
		inv.exportCommand(),
		inv.backupCommand(),
		inv.importCommand(),
		inv.classCommand(),
		inv.configCommand(),
		inv.voiceCommand(),
		versionCommand(),
		completionCommand(),
		inv.manCommand(),
	)
	root.SetHelpCommand(helpCommandOf(root))
	root.InitDefaultHelpCmd() // in the table now, so the walk below dresses it too
	root.SetHelpFunc(inv.help)
	root.SetFlagErrorFunc(flagError)
	root.CompletionOptions.DisableDefaultCmd = true // ours says which shells, in our words
	root.SilenceErrors, root.SilenceUsage = true, true
	walk(root, func(c *cobra.Command) {
		if c.Args == nil {
			c.Args = noArgs
		}
		c.Flags().SortFlags = false // in the order they are declared: the most used first
		if c.Flags().Lookup("baby") != nil {
			_ = c.RegisterFlagCompletionFunc("baby", inv.completeBabies)
		}
		c.InitDefaultHelpFlag()
		c.Flags().Lookup("help").Usage = "print this help"
	})
	return root
}

// walk calls f on c and every command under it.
func walk(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		walk(sub, f)
	}
}

// group is a command made only of commands (cradle routines): alone it
// says what it holds; "cradle routines help" is its help.
func group(c *cobra.Command) *cobra.Command {
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 1 && args[0] == "help":
			return cmd.Help()
		case len(args) == 0:
			var names []string
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name())
				}
			}
			return usagef(cmd, "name one of its commands: %s", orList(names))
		}
		return usagef(cmd, "there is no command %q%s", args[0], didYouMean(nearestCommand(cmd, args[0])))
	}
	return c
}

// helpCommandOf is "cradle help [COMMAND]": help on standard output.
func helpCommandOf(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "help about cradle or one of its commands",
		Args:  cobra.ArbitraryArgs,
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []cobra.Completion
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				typed := strings.Join(args, " ")
				parent := root
				if cmd != nil {
					parent = cmd
				}
				last := args[len(args)-1]
				return usagef(c, "there is no command %q%s", typed, didYouMean(nearestCommand(parent, last)))
			}
			return cmd.Help()
		},
	}
}

// choice is a flag that takes one of a few words. Its help shows the
// words (--theme light|dark|night), never a default: what is used when
// the flag is not given is said in words.
type choice struct {
	value   *string
	choices []string
}

func (c *choice) String() string { return *c.value }
func (c *choice) Type() string   { return strings.Join(c.choices, "|") }
func (c *choice) Set(s string) error {
	if !slices.Contains(c.choices, s) {
		return fmt.Errorf("not one of %s", c.Type())
	}
	*c.value = s
	return nil
}

// choiceFlag adds a choice flag to cmd, with the choices as completions.
func choiceFlag(cmd *cobra.Command, p *string, name, usage string, choices ...string) {
	cmd.Flags().Var(&choice{value: p, choices: choices}, name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp))
}

// orList is "a, b or c".
func orList(words []string) string { return joinLast(words, " or ") }

// andList is "a, b and c".
func andList(words []string) string { return joinLast(words, " and ") }

func joinLast(words []string, last string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + last + words[len(words)-1]
}

// addDBFlag adds --db to fs.
func (inv *invocation) addDBFlag(fs *pflag.FlagSet) {
	fs.StringVar(&inv.flagDB, "db", "", "use this database `FILE` (else $CRADLE_DB, else the one under Files)")
}

// addRoutinesFlag adds --routines to fs.
func (inv *invocation) addRoutinesFlag(fs *pflag.FlagSet) {
	fs.StringVar(&inv.flagRoutines, "routines", "", "look for your own routine files in this `FOLDER` (else the one under Files)")
}

// versionCommand is "cradle version", the same as cradle --version.
func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		RunE: func(cmd *cobra.Command, _ []string) error {
			printVersion(cmd)
			return nil
		},
	}
}

// printVersion prints "cradle 1.2.0 (commit 0123abc, 2026-11-29)".
// (Not cobra's version flag: its template would bring text/template,
// which keeps every exported method in the binary, 3 MB of it.)
func printVersion(cmd *cobra.Command) {
	fmt.Fprintln(cmd.OutOrStdout(), "cradle", Version())
}

// shells are the shells cradle writes completion scripts for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// completionCommand is "cradle completion SHELL": a script that completes
// cradle's commands, flags, their choices and the routines' ids.
func completionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "completion SHELL",
		Short: "a script that completes cradle's commands in " + orList(shells),
		Long: `Print a script that completes cradle's commands, flags, their choices and
routine ids when you press tab. To load it:

  bash         source <(cradle completion bash)   (in ~/.bashrc; needs the
               bash-completion package)
  zsh          cradle completion zsh > "${fpath[1]}/_cradle"
  fish         cradle completion fish > ~/.config/fish/completions/cradle.fish
  powershell   cradle completion powershell | Out-String | Invoke-Expression
               (in $PROFILE)

Release archives hold these scripts too, in completions/.`,
		ValidArgs: shells,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) != 1:
				return usagef(cmd, "completion needs one shell: %s", orList(shells))
			case !slices.Contains(shells, args[0]):
				return usagef(cmd, "cradle has no completion script for %s; it writes them for %s", args[0], orList(shells))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			w, root := cmd.OutOrStdout(), cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, true)
			case "zsh":
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, true)
			}
			return root.GenPowerShellCompletionWithDesc(w)
		},
	}
}
