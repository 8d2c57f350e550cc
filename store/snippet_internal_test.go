package store

import (
	"strings"
	"testing"
)

// A match near the end of a text that fits the room is shown with all of
// the text, not cut at the front; a long text is still cut around it.
func TestExcerptUsesTheRoomBeforeALateMatch(t *testing.T) {
	text := "Talks in Geneva went late into the night, and the ceasefire held"
	at := strings.Index(text, "ceasefire")
	s := excerpt(text, []Span{{Start: at, End: at + len("ceasefire")}}, 80)
	if s.Text != text {
		t.Errorf("excerpt %q, want the whole text", s.Text)
	}
	if got := s.Text[s.Highlights[0].Start:s.Highlights[0].End]; got != "ceasefire" {
		t.Errorf("highlight %q", got)
	}
	long := strings.Repeat("word ", 40) + text
	at = strings.Index(long, "ceasefire")
	s = excerpt(long, []Span{{Start: at, End: at + len("ceasefire")}}, 80)
	if !strings.HasPrefix(s.Text, "…") || !strings.Contains(s.Text, "ceasefire held") {
		t.Errorf("long excerpt %q should start with … and keep the match with what follows", s.Text)
	}
	if n := len([]rune(s.Text)); n > 82 {
		t.Errorf("long excerpt has %d runes, room 80 (+2 ellipses)", n)
	}
	if got := s.Text[s.Highlights[0].Start:s.Highlights[0].End]; got != "ceasefire" {
		t.Errorf("highlight %q", got)
	}
}
