package termout

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// The 8-bit C1 controls are the wall's other door: a terminal that takes
// them reads U+009B as ESC [ and U+009D as ESC ]. Each test below holds
// one way they can arrive.

var modes = []struct {
	name string
	mode Mode
}{{"plain", Plain}, {"attributes", Attributes}, {"styled", Styled}}

// Raw bytes 0x80–0x9F, as Latin-1 or Windows-1252 text that is not UTF-8
// carries them, are invalid UTF-8: each becomes U+FFFD, and never the
// control it would be to a terminal reading 8 bits (0x9B 2 J is not a
// clear screen, 0x9B 1 m not an allowed style).
func TestRawC1BytesAreNotControls(t *testing.T) {
	for b := 0x80; b <= 0x9f; b++ {
		for _, m := range modes {
			for _, in := range []string{"a" + string(rune(0)) + "b", "a" + string(rune(0)) + "2Jb", "a" + string(rune(0)) + "1mb", "a" + string(rune(0)) + "0;title\x07b"} {
				in = strings.Replace(in, "\x00", string([]byte{byte(b)}), 1)
				want := strings.Replace(strings.ReplaceAll(in, "\x07", ""), string([]byte{byte(b)}), "\uFFFD", 1)
				if got := Clean(in, m.mode); got != want {
					t.Errorf("%s: Clean(%q) = %q, want %q", m.name, in, got, want)
				}
			}
		}
	}
}

// The C1 controls encoded in UTF-8 (U+0080–U+009F) that introduce nothing
// are removed, alone or among text, in every mode.
func TestC1ControlsAreRemoved(t *testing.T) {
	for r := rune(0x80); r <= 0x9f; r++ {
		if c1Introducer(r) != 0 {
			continue
		}
		in := fmt.Sprintf("a%cb%c", r, r)
		for _, m := range modes {
			if got := Clean(in, m.mode); got != "ab" {
				t.Errorf("%s: Clean(%q) = %q, want \"ab\"", m.name, in, got)
			}
		}
		if got := Name(in); got != fmt.Sprintf(`a\u%04xb\u%04x`, r, r) {
			t.Errorf("Name(%q) = %q", in, got)
		}
	}
}

// The C1 introducers encoded in UTF-8 open the sequences their 7-bit
// forms do, and are read to the sequence's end: a CSI keeps only an
// allowed style, written in 7 bits; a control string goes whole, ended by
// BEL, ST (U+009C, or ESC \), another introducer, CAN or SUB.
func TestC1IntroducersOpenSequences(t *testing.T) {
	tests := []struct {
		name, in             string
		plain, attrs, styled string
	}{
		{"CSI clear screen", "a\u009b2Jb", "ab", "ab", "ab"},
		{"CSI cursor home", "a\u009bHb", "ab", "ab", "ab"},
		{"CSI bold red", "a\u009b1;31mb", "ab", "a\x1b[1mb", "a\x1b[1;31mb"},
		{"CSI reset", "a\u009bmb", "ab", "a\x1b[mb", "a\x1b[mb"},
		{"CSI blink refused", "a\u009b5mb", "ab", "ab", "ab"},
		{"CSI private mode", "a\u009b?1049hb", "ab", "ab", "ab"},
		{"CSI with intermediate", "a\u009b1 qb", "ab", "ab", "ab"},
		{"CSI malformed: a control where the final byte goes", "a\u009b12\x07b", "ab", "ab", "ab"},
		{"CSI cut by the end", "a\u009b12", "a", "a", "a"},
		{"OSC ended by BEL", "a\u009d0;pwned\x07b", "ab", "ab", "ab"},
		{"OSC ended by 8-bit ST", "a\u009d52;c;ZXZpbA==\u009cb", "ab", "ab", "ab"},
		{"OSC ended by ESC \\", "a\u009d8;;http://x\x1b\\b", "ab", "ab", "ab"},
		{"OSC ended by another introducer", "a\u009d0;t\u009b2Jb", "ab", "ab", "ab"},
		{"OSC ended by another C1", "a\u009d0;t\u0085b", "ab", "ab", "ab"},
		{"OSC ended by ESC", "a\u009d0;t\x1b[1mb", "ab", "a\x1b[1mb", "a\x1b[1mb"},
		{"OSC ended by CAN", "a\u009d0;t\x18b", "ab", "ab", "ab"},
		{"OSC ended by SUB", "a\u009d0;t\x1ab", "ab", "ab", "ab"},
		{"OSC never ended shows as text", "a\u009d0;title", "a0;title", "a0;title", "a0;title"},
		{"DCS", "a\u0090q#0;2;0;0;0\u009cb", "ab", "ab", "ab"},
		{"SOS", "a\u0098hidden\u009cb", "ab", "ab", "ab"},
		{"PM", "a\u009ehidden\u009cb", "ab", "ab", "ab"},
		{"APC", "a\u009fG;kitty image\u009cb", "ab", "ab", "ab"},
		{"APC never ended", "a\u009fG;x", "aG;x", "aG;x", "aG;x"},
		{"7-bit DCS ended by 8-bit ST", "a\x1bPq\u009cb", "ab", "ab", "ab"},
		{"ESC, intermediates, final", "a\x1b(Bb", "ab", "ab", "ab"},
		{"ESC, intermediates cut by the end", "a\x1b(", "a", "a", "a"},
		{"ESC before a control", "a\x1b\x07b", "ab", "ab", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				mode Mode
				want string
			}{{Plain, tt.plain}, {Attributes, tt.attrs}, {Styled, tt.styled}} {
				got := Clean(tt.in, c.mode)
				if got != c.want {
					t.Errorf("Clean(%q, %d) = %q, want %q", tt.in, c.mode, got, c.want)
				}
				if err := Check(got, c.mode); err != nil {
					t.Errorf("Clean(%q, %d) = %q: %v", tt.in, c.mode, got, err)
				}
			}
		})
	}
}

// A Writer holds back an 8-bit sequence or a C1 rune cut by a write
// boundary, wherever it is cut, and writes what Clean writes.
func TestWriterHoldsC1SequencesSplitAcrossWrites(t *testing.T) {
	in := "x\u009b1;31mred\u009b0m \u009d0;t\u009c\u0090q\u009cé\u0085\u009b2Jend\x9b2J"
	for _, m := range modes {
		want := Clean(in, m.mode)
		for cut := 0; cut <= len(in); cut++ {
			var out bytes.Buffer
			w := NewWriter(&out, m.mode)
			w.WriteString(in[:cut])
			w.WriteString(in[cut:])
			w.Flush()
			if out.String() != want {
				t.Fatalf("%s, cut at %d: %q, want %q", m.name, cut, out.String(), want)
			}
		}
	}
}

// Check, which tests hold every output to, refuses each way a C1 control
// could reach the terminal.
func TestCheckRefusesC1(t *testing.T) {
	for _, c := range []struct {
		out  string
		mode Mode
	}{
		{"a\x9b2J", Styled},          // raw byte: invalid UTF-8
		{"a\u009b2J", Styled},        // UTF-8 CSI
		{"a\u0085", Plain},           // NEL
		{"a\u009d0;t\u009c", Styled}, // OSC
		{"a\x1b[1m", Plain},          // any escape in plain output
		{"a\x1b[5m", Styled},         // a style dispatch does not draw with
		{"a\x1b]0;t\x07", Styled},    // 7-bit OSC
		{"a\r", Styled},              // C0
		{"a\u202e", Styled},          // bidi
	} {
		if err := Check(c.out, c.mode); err == nil {
			t.Errorf("Check(%q, %d) passed", c.out, c.mode)
		}
	}
	if err := Check("a\x1b[1;38;5;252mb\x1b[0m\té\n", Styled); err != nil {
		t.Errorf("allowed output refused: %v", err)
	}
}

// Extended colours are kept only whole and in range; anything else
// rejects the sequence, 7-bit or 8-bit alike.
func TestExtendedColoursWholeOnly(t *testing.T) {
	for _, params := range []string{"38", "38;", "38;7;1", "38;5", "38;5;256", "48;2;1;2", "48;2;1;2;300"} {
		for _, intro := range []string{"\x1b[", "\u009b"} {
			if got := Clean("a"+intro+params+"mb", Styled); got != "ab" {
				t.Errorf("Clean(%q) = %q, want the sequence dropped", intro+params+"m", got)
			}
		}
	}
	if got := Clean("a\x1b[1;mb", Styled); got != "a\x1b[1;mb" {
		t.Errorf("a trailing ; (a reset) is allowed: %q", got)
	}
}

// A control string that never ends is held back by a Writer only so far:
// past maxPending it counts as ended, its introducer goes and the rest
// shows as text, so a hostile stream cannot make the Writer hold
// everything.
func TestWriterLetsAnEndlessControlStringGo(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out, Styled)
	w.WriteString("a\u009d" + strings.Repeat("x", maxPending))
	if got := out.String(); got != "a"+strings.Repeat("x", maxPending) {
		t.Errorf("wrote %d bytes, want the text after the introducer", len(got))
	}
}
