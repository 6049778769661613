package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// configCommand is "cradle config": each setting, its value and where it
// comes from.
func (inv *invocation) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "each setting, its value and where it comes from",
		Long: `Print each setting cradle uses, its value and where that comes from: a
flag, the environment, the settings file, or cradle's own default. A flag
beats the environment, which beats the file. Every problem in the file is
shown with its line and column.

The settings file is config.yaml in cradle's config folder (under Files): one
line for each setting your family keeps, for example

  # cradle's settings
  theme: night                # light, dark, night, or auto: as the terminal
  sound: off                  # on or off: the bell at each change
  voice: on                   # on or off: speak the prompts
  auto-advance: off           # off waits for → when a step's time is up
  baby: Ada                   # start with this baby
  swedish-milking-only: on    # Indian milking done as Swedish milking
  plain: on                   # a line for each prompt: for a screen reader

For one run, a flag (--theme night) or a variable in the environment
(CRADLE_THEME, CRADLE_SOUND, CRADLE_BABY, ...) says otherwise.
NO_COLOR turns the colours off unless a theme is named.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return status(inv.showConfig(cmd))
		},
	}
	addSettingFlags(cmd)
	inv.addDBFlag(cmd.Flags())
	inv.addRoutinesFlag(cmd.Flags())
	return cmd
}

// showConfig prints the settings table on standard output, and on
// standard error every problem with them.
func (inv *invocation) showConfig(cmd *cobra.Command) int {
	path, pathErr := ConfigFile()
	file := readSettings(path)
	run := resolve(cmd.Flags(), os.Getenv, file)

	tw := tabwriter.NewWriter(inv.std.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tVALUE\tFROM")
	for _, s := range settings {
		v := run.set[s.name]
		shown, from := v.v, v.from
		if shown == "" {
			shown = "(" + s.unsetSays + ")"
		}
		if from == "" {
			from = "default"
		}
		if passed := run.notUsed[s.name]; len(passed) > 0 {
			// what a problem kept from being used, beside what is
			from += " (" + strings.Join(passed, ", ") + " not used)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.name, Safe(shown), Safe(from))
	}
	where := func(flag, env string, path func() (string, error)) (string, string) {
		switch p, err := path(); {
		case err != nil:
			return "(unknown: " + err.Error() + ")", "default"
		case cmd.Flags().Changed(flag):
			return p, "--" + flag
		case env != "" && os.Getenv(env) != "":
			return p, env
		default:
			return p, "default"
		}
	}
	db, dbFrom := where("db", "CRADLE_DB", func() (string, error) { return DBFile(inv.flagDB) })
	dir, dirFrom := where("routines", "", func() (string, error) { return RoutinesDir(inv.flagRoutines) })
	fmt.Fprintf(tw, "database\t%s\t%s\n", Safe(db), dbFrom)
	fmt.Fprintf(tw, "routines\t%s\t%s\n", Safe(dir), dirFrom)
	tw.Flush()

	code := OK
	errOut := inv.std.Err
	switch _, err := os.Stat(path); {
	case pathErr != nil:
		code = Problem
		fmt.Fprintf(errOut, "The settings file could not be found: %s.\n", Safe(pathErr.Error()))
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(errOut, "No settings file yet: write your settings in %s (cradle help config shows how).\n", Safe(path))
	default:
		fmt.Fprintf(errOut, "Settings file: %s.\n", Safe(path))
	}
	if file.err != nil {
		code = Problem
		fmt.Fprintf(errOut, "Cannot read the settings in %s: %s.\n", Safe(path), Safe(file.err.Error()))
	}
	for _, p := range file.problems {
		code = Problem
		fmt.Fprintln(errOut, Safe(p.Error()))
	}
	for _, p := range run.problems {
		code = Problem
		fmt.Fprintln(errOut, Safe(p))
	}
	switch fell := run.fellBack(file); {
	case file.err != nil:
		fmt.Fprintln(errOut, "Its settings are not used until it can be read (FROM says what is used).")
	case len(fell) > 0:
		fmt.Fprintf(errOut, "A line with a problem is not used: %s until it is mended (FROM says what is used).\n", fallBackWords(fell))
	case code != OK:
		fmt.Fprintln(errOut, "A line or a variable with a problem is not used until it is mended (FROM says what is used).")
	}
	return code
}
