package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"dispatch/store"
)

// noTopic is the topic filter when none is active.
const noTopic = -1

// topicStyles colours each topic, readable on the terminal's background.
func topicStyles(s Styles, ts store.Topics) []lipgloss.Style {
	out := make([]lipgloss.Style, len(ts))
	for i, t := range ts {
		out[i] = s.topic(t.Color)
	}
	return out
}

// chipAbbrev is how many letters of a topic key a cramped chip keeps.
const chipAbbrev = 3

// topicChips draws the topics article doc carries, heaviest first, each in
// its colour (without colour, bracketed so it still reads as a tag), in at
// most width cells: whole keys (unless short), else the first letters of
// each, else as many chips as fit and "+N" for the rest. A chip is never
// cut: half a tag reads as another word.
func topicChips(c *common, doc, width int, short bool) string {
	carried := c.lib.Coverage().Carried(doc)
	for _, abbrev := range []bool{false, true} {
		if abbrev || !short {
			if all := topicChipsIn(c, carried, abbrev); ansi.StringWidth(all) <= width {
				return all
			}
		}
	}
	for n := len(carried) - 1; n >= 0; n-- {
		chips := make([]string, 0, n+1)
		for _, t := range carried[:n] {
			chips = append(chips, topicChip(c, t, true))
		}
		chips = append(chips, c.styles.ListMeta.Render(fmt.Sprintf("+%d", len(carried)-n)))
		if out := strings.Join(chips, " "); ansi.StringWidth(out) <= width {
			return out
		}
	}
	return ""
}

// topicChipsIn draws every one of topics as chips, abbreviated or whole.
func topicChipsIn(c *common, topics []int, abbrev bool) string {
	chips := make([]string, len(topics))
	for i, t := range topics {
		chips[i] = topicChip(c, t, abbrev)
	}
	return strings.Join(chips, " ")
}

// topicChip draws topic t as a chip.
func topicChip(c *common, t int, abbrev bool) string {
	key := c.lib.Topics()[t].Key
	if abbrev && len(key) > chipAbbrev {
		key = key[:chipAbbrev]
	}
	if c.styles.colour() {
		key = "▪" + key
	} else {
		key = "[" + key + "]"
	}
	return c.topicStyle[t].Render(key)
}
