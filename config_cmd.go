package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v4"

	"dispatch/internal/config"
	"dispatch/ui"
)

// runConfig is `dispatch config [--default]`: the configuration in effect,
// each value with where it comes from, or a commented file to start from.
// It reads the file itself, so that its mistake is what it prints.
func runConfig(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("config", g)
	asDefault := fs.Bool("default", false, "print a commented configuration file with every setting at its default, to start from")
	fs.withoutConfig = true
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("config takes no arguments, got %q", pos[0])
	}
	if *asDefault {
		_, err := fmt.Fprint(e.stdout, defaultConfig())
		return err
	}
	if err := loadConfig(e, g); err != nil {
		return err
	}
	if err := checkFeedSettings(e, g); err != nil {
		return err
	}
	text, err := effectiveConfig(e, g)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(e.stdout, text)
	return err
}

// setting is a top-level key of the file as the config command shows it.
type setting struct {
	key  string
	flag string // the flag that wins over the file, "" for none
	env  string // the environment variable that wins over the file, "" for none
	help string // for --default; "" takes the flag's
	def  string // the default, as YAML, for --default
}

// fileSettings are the file's top-level settings but colors, keys and
// searches, in config.Keys' order.
func fileSettings() []setting {
	return []setting{
		{key: "dirs", flag: "dir", help: "Also read the .md, .markdown and .txt articles under these folders (~/ is your home; a relative path is beside this file). DISPATCH_DIR adds more; --dir replaces them.", def: "[]"},
		{key: "no-builtin", flag: "no-builtin", def: "false"},
		{key: "topics", flag: "topics", def: "~"},
		{key: "state", flag: "state", def: "~"},
		{key: "cache", flag: "cache", def: "~"},
		{key: "no-cache", flag: "no-cache", def: "false"},
		{key: "trust-cache", flag: "trust-cache", def: "false"},
		{key: "subscriptions", flag: "subscriptions", def: "~"},
		{key: "data", flag: "data", def: "~"},
		{key: "no-feeds", flag: "no-feeds", def: "false"},
		{key: "measure", flag: "measure", def: strconv.Itoa(ui.DefaultMeasure)},
		{key: "no-color", flag: "no-color", env: "NO_COLOR", def: "false"},
		{key: "theme", env: "DISPATCH_THEME", def: "auto",
			help: "The theme: auto asks the terminal whether its background is dark, dark or light say it; a glamour style (dracula, tokyo-night, pink, ascii, notty) or a glamour style file (.json) draws the articles. DISPATCH_THEME=dark|light wins over it."},
		{key: "browser", env: "BROWSER", def: "~",
			help: "The browser o opens addresses with, as $BROWSER reads (colon-separated commands, %s for the address); $BROWSER wins over it. Default: xdg-open, or open on macOS."},
		{key: "refresh", def: "0",
			help: "While the reader is open, fetch the feeds this often (30m, 2h; at least 1m); 0 never."},
		{key: "fetch-at-start", def: "false", help: "Fetch the feeds when the reader starts."},
		{key: "on-new", def: "[]",
			help: "A command run after a fetch that brought new items (dispatch fetch, R): the program, then its arguments, never a shell. It reads a JSON summary on its standard input (see the README); it has 30 s. For example [notify-send, dispatch, New articles]."},
	}
}

// helpOf is the setting's help: its own, else its flag's.
func helpOf(s setting) string {
	if s.help != "" {
		return s.help
	}
	var g globalFlags
	fs := newFlagSet("dispatch")
	g.register(fs)
	if f := fs.Lookup(s.flag); f != nil {
		_, usage := pflag.UnquoteUsage(f)
		return strings.ToUpper(usage[:1]) + usage[1:] + "."
	}
	return ""
}

// defaultConfig is `dispatch config --default`: every setting commented
// out at its default (#key: value, as sshd_config does), with its help,
// so that taking the # off a line sets it.
func defaultConfig() string {
	var b strings.Builder
	comment := func(text string) {
		for _, l := range wrapWords(text, helpColumns-2) {
			b.WriteString("# " + l + "\n")
		}
	}
	comment("dispatch's configuration: $XDG_CONFIG_HOME/dispatch/config.yaml (~/.config/dispatch/config.yaml), or the file --config names. Every setting is optional: a flag given wins over this file, and the file over the defaults. Take the # off a line to set it. A mistake is one error naming its line, and dispatch does not start on half a file; dispatch config shows what is in effect.")
	b.WriteString("\n")
	for _, s := range fileSettings() {
		comment(helpOf(s))
		fmt.Fprintf(&b, "#%s: %s\n\n", s.key, s.def)
	}
	comment(`The colours dispatch draws with, "#RRGGBB" (quoted: # starts a comment); each is made lighter or darker as it takes to be read on the background, and NO_COLOR and --no-color turn them all off. ~ keeps the theme's. topics: a topic key and its colour.`)
	b.WriteString("#colors:\n")
	dark, light := ui.DefaultColours(true), ui.DefaultColours(false)
	for _, name := range config.ColorNames {
		fmt.Fprintf(&b, "#  %-9s ~  # dark %s, light %s\n", name+":", colourOf(dark, name), colourOf(light, name))
	}
	b.WriteString("#  topics:\n#    security: \"#D9534F\"\n\n")
	comment("The keys: each action and its keys (a character, space, or a key's name: enter, esc, tab, up, pgdown, home, f1, ctrl+x, alt+x); [] unbinds an action. Two actions may share a key only where no screen has both: dispatch says which when they do.")
	b.WriteString("#keys:\n")
	k := ui.DefaultKeyMap()
	for _, action := range ui.KeyActions() {
		keys, _ := k.ActionKeys(action)
		fmt.Fprintf(&b, "#  %-*s %s  # %s\n", maxActionWidth()+1, action+":", yamlList(keys), k.ActionDesc(action))
	}
	b.WriteString("\n")
	comment(`Saved searches: a name and a query, as the search prompt and dispatch search read it (words, "phrases", -word, topic:, source:, tag:, is:unread, since:7d, until:, date:2025-11-20..2025-11-25). dispatch searches counts them; dispatch list --search NAME lists one.`)
	b.WriteString("#searches:\n#  Geneva this week: '\"geneva\" since:7d'\n#  Unread ceasefire: topic:ceasefire is:unread\n\n")
	comment("A feed's own settings, by its address as dispatch feeds lists it: its name, full text (true: every item's page; false: none; left out: those of short summaries), how often a fetch that names no feed fetches it at most (30m, 2h, 7d; 0: whenever the feeds are), its tags (one word each). They win over the subscriptions file, where feeds add and feeds set write them.")
	b.WriteString("#feeds:\n#  https://example.org/rss:\n#    name: Example\n#    full-text: true\n#    refresh: 2h\n#    tags: [local, ferries]\n")
	return b.String()
}

// colourOf is c's colour called name (config.ColorNames).
func colourOf(c ui.Colours, name string) string {
	return map[string]string{"accent": c.Accent, "text": c.Text, "muted": c.Muted, "unread": c.Unread,
		"new": c.New, "bookmark": c.Bookmark, "warning": c.Warning}[name]
}

// maxActionWidth is the longest action's name.
func maxActionWidth() int {
	w := 0
	for _, a := range ui.KeyActions() {
		w = max(w, len(a))
	}
	return w
}

// yamlScalar is s as YAML writes it, quoted where it must be.
func yamlScalar(s string) string {
	b, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(b), "\n")
}

// yamlList is a flow list of keys: [j, down]; " " is space.
func yamlList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = yamlScalar(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}
