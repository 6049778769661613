package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// A switch is a flag that is on when given alone (--voice, --present,
// --force). Like every on/off setting it takes on or off, yes or no, true
// or false, 1 or 0, after an equals sign or as the next word:
// --voice off is --voice=off, as --sound off is.

// onOff reads text as on (true) or off (false), in any case.
func onOff(text string) (on, ok bool) {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "on", "1", "yes", "true":
		return true, true
	case "off", "0", "no", "false":
		return false, true
	}
	return false, false
}

// switchValue is a switch that is not a setting (--present, --force).
type switchValue struct{ on *bool }

func (s switchValue) String() string { return strconv.FormatBool(*s.on) }
func (s switchValue) Type() string   { return "bool" } // help shows no value
func (s switchValue) Set(text string) error {
	on, ok := onOff(text)
	if !ok {
		return strconv.ErrSyntax // flagError says what it takes
	}
	*s.on = on
	return nil
}

// switchVar adds a switch to fs.
func switchVar(fs *pflag.FlagSet, on *bool, name, short, usage string) {
	fs.VarPF(switchValue{on}, name, short, usage).NoOptDefVal = "true"
}

// isSwitch is whether f is a switch: on alone, and a value only after =.
// --help is not one: it is never turned off.
func isSwitch(f *pflag.Flag) bool { return f.NoOptDefVal != "" && f.Name != "help" }

// switchWords joins each switch of root's commands to the on/off word
// written after it (--voice off becomes --voice=off), up to a "--". A
// switch alone is on, so the parser would take the word for an argument.
// A word after a switch that is not on or off stays an argument, and is
// returned by its place in args, with the switch before it, so that an
// error about the arguments can name the switch.
func switchWords(root *cobra.Command, args []string) (out []string, after map[string]string) {
	switches := map[string]bool{}
	walk(root, func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if isSwitch(f) {
				switches["--"+f.Name] = true
			}
		})
	})
	after = map[string]string{}
	complete := len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return append(out, args[i:]...), after
		}
		out = append(out, arg)
		next := i + 1
		if !switches[arg] || next >= len(args) || complete && next == len(args)-1 {
			continue // the last word of a completion is still being typed
		}
		if _, ok := onOff(args[next]); ok {
			out[len(out)-1] = arg + "=" + args[next]
			i++
		} else if !strings.HasPrefix(args[next], "-") {
			after[args[next]] = arg
		}
	}
	return out, after
}

// namingSwitches wraps each command's check of its arguments: when the
// arguments are wrong and one of them is a word written after a switch
// (--voice loud), the error is about the switch, not the arguments.
func namingSwitches(root *cobra.Command, after map[string]string) {
	walk(root, func(c *cobra.Command) {
		check := c.Args
		if check == nil {
			return
		}
		c.Args = func(cmd *cobra.Command, args []string) error {
			err := check(cmd, args)
			if err == nil {
				return nil
			}
			for _, a := range args {
				if sw, ok := after[a]; ok && cmd.Flags().Lookup(strings.TrimPrefix(sw, "--")) != nil {
					return usagef(cmd, "%s must be on or off, not %q: write %s off, or %s alone for on", sw, a, sw, sw)
				}
			}
			return err
		}
	})
}
