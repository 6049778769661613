package cli

import (
	"runtime/debug"
	"strings"
)

// Stamped in by the release build:
//
//	-ldflags "-X github.com/cradle-coach/cradle/cli.version=1.2.0 -X ...cli.commit=... -X ...cli.date=..."
var version, commit, date string

// Version is cradle's version: the one stamped in by the release build,
// else the module version and commit the Go toolchain recorded (go
// install, go build in a checkout), else "dev".
func Version() string {
	info, _ := debug.ReadBuildInfo()
	return describe(version, commit, date, info)
}

// describe writes a version as "1.2.0 (commit 0123abc, 2026-11-29)".
func describe(version, commit, date string, info *debug.BuildInfo) string {
	modified := false
	if info != nil {
		if version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if commit == "" {
					commit = s.Value
				}
			case "vcs.time":
				if date == "" {
					date = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if version == "" {
		version = "dev"
	}
	var about []string
	if commit != "" {
		about = append(about, "commit "+commit[:min(len(commit), 7)])
	}
	if date != "" {
		about = append(about, date[:min(len(date), len("2006-01-02"))])
	}
	if modified && !strings.HasSuffix(version, "+dirty") {
		about = append(about, "with changes not committed")
	}
	if len(about) == 0 {
		return version
	}
	return version + " (" + strings.Join(about, ", ") + ")"
}
