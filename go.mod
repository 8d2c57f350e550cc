module dispatch

go 1.26

require (
	github.com/adrg/frontmatter v0.2.0
	github.com/charmbracelet/x/ansi v0.11.6
	github.com/yuin/goldmark v1.7.13
	golang.org/x/text v0.30.0
	gopkg.in/yaml.v2 v2.3.0
)

require (
	github.com/BurntSushi/toml v0.3.1 // indirect
	github.com/clipperhouse/displaywidth v0.9.0 // indirect
	github.com/clipperhouse/stringish v0.1.1 // indirect
	github.com/clipperhouse/uax29/v2 v2.5.0 // indirect
	github.com/lucasb-eyer/go-colorful v1.3.0 // indirect
	github.com/mattn/go-runewidth v0.0.19 // indirect
)
