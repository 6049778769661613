package cli

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cradle-coach/cradle/ui/speech"
)

// testSentence is what cradle voice test says.
const testSentence = "This is cradle's voice. If you can hear this, the voice works."

// voiceCommand is "cradle voice test": try the voice before a massage.
func (inv *invocation) voiceCommand() *cobra.Command {
	cmd := group(&cobra.Command{
		Use:   "voice",
		Short: "try the voice before a massage: cradle voice test",
	})
	test := &cobra.Command{
		Use:   "test",
		Short: "speak one sentence, and say which program spoke and whether it worked",
		Long: `Speak one sentence through the speech program cradle would use (` + orList(speech.Names()) + `
on this system), and say which program it is and whether it worked: a missing
sound device or a program that fails is reported, even when the program itself
says nothing was wrong.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return status(inv.voiceTest(cmd))
		},
	}
	cmd.AddCommand(test)
	return cmd
}

// voiceTest speaks the test sentence and reports how it went.
func (inv *invocation) voiceTest(cmd *cobra.Command) int {
	out, errOut := inv.std.Out, inv.std.Err
	sp, err := speech.Detect(exec.LookPath)
	if err != nil {
		fmt.Fprintf(errOut, "No speech program: cradle looks for %s, and none is installed.\n%s\n", orList(speech.Names()), installHint())
		return Problem
	}
	fmt.Fprintf(out, "Speaking through %s (%s): %q\n", sp.Name(), Safe(sp.Path()), testSentence)
	if err := sp.Say(sp.Ticket(), testSentence); err != nil {
		fmt.Fprintf(errOut, "%s.\nNothing was heard. Check that a sound device is connected, switched on and\nnot muted, then try again. During a massage the bell rings whatever the voice does.\n", Safe(strings.TrimSuffix(err.Error(), ".")))
		return Problem
	}
	fmt.Fprintf(out, "%s spoke without an error. If you heard nothing, turn the volume up.\n", sp.Name())
	set, _ := inv.settings(cmd)
	switch {
	case set["sound"].v == "off":
		fmt.Fprintf(out, "The sound is off (%s), which keeps the voice quiet too.\n", where(set["sound"]))
	case set["voice"].v != "on":
		fmt.Fprintf(out, "The voice is off (%s): cradle --voice, or voice: on in the settings file, turns it on.\n", where(set["voice"]))
	}
	return OK
}

// where says where a setting's value came from, for a sentence.
func where(v value) string {
	if v.from == "" {
		return "cradle's default"
	}
	return "from " + v.from
}

// installHint says how to get a speech program on this system.
func installHint() string {
	switch {
	case fileExists("/etc/debian_version"):
		return "To install one: sudo apt install espeak-ng"
	case fileExists("/etc/fedora-release"):
		return "To install one: sudo dnf install espeak-ng"
	}
	return "Install espeak-ng from your system's packages, then try again."
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
