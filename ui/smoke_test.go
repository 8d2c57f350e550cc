package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestSmokeReadAnArticle runs the model in a real bubbletea program: open the
// second article, page down, go back, quit.
func TestSmokeReadAnArticle(t *testing.T) {
	tm := teatest.NewTestModel(t, New(testOptions(testLibrary(t), memoryState(t))), teatest.WithInitialTermSize(80, 24))
	tm.Send(keyMsg("j"))
	tm.Send(keyMsg("enter"))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(ansi.Strip(string(b)), "No final agreement") // from the rendered document, not the header
	}, teatest.WithDuration(5*time.Second))
	tm.Send(keyMsg("space"))
	tm.Send(keyMsg("q")) // back to the list
	tm.Send(keyMsg("q")) // quit
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	m := tm.FinalModel(t).(Model)
	if m.mode != modeList || m.list.cursor != 1 {
		t.Errorf("final mode %d cursor %d, want the list on article 2", m.mode, m.list.cursor)
	}
	if m.reader.top == 0 {
		t.Error("space did not page the reader down")
	}
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "› 2    U.S. and Ukrainian Delegations") {
		t.Errorf("final view does not show the list on article 2, read (no unread dot):\n%s", v)
	}
}

var _ tea.Model = Model{}
