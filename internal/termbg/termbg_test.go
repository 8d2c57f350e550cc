package termbg

import "testing"

func TestParseReply(t *testing.T) {
	tests := []struct {
		name     string
		reply    string
		dark, ok bool
	}{
		{"black ST", "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c", true, true},
		{"white BEL", "\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?1;2c", false, true},
		{"solarized light 8-bit", "\x1b]11;rgb:fd/f6/e3\x07", false, true},
		{"dark grey", "\x1b]11;rgb:2424/2424/2424\x1b\\", true, true},
		{"only device attributes", "\x1b[?64;1;2;6;22c", false, false},
		{"garbage", "\x1b]11;nonsense\x07", false, false},
		{"empty", "", false, false},
	}
	for _, tt := range tests {
		dark, ok := parseReply([]byte(tt.reply))
		if dark != tt.dark || ok != tt.ok {
			t.Errorf("%s: parseReply = %v, %v; want %v, %v", tt.name, dark, ok, tt.dark, tt.ok)
		}
	}
}

func TestAnswered(t *testing.T) {
	if answered([]byte("\x1b]11;rgb:0/0/0\x07")) {
		t.Error("colour alone is not the end of the answer")
	}
	if !answered([]byte("\x1b]11;rgb:0/0/0\x07\x1b[?1;2c")) {
		t.Error("device attributes end the answer")
	}
}

func TestDarkPrefersEnvironment(t *testing.T) {
	env := func(m map[string]string) func(string) string {
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"DISPATCH_THEME": "light"}, false},
		{map[string]string{"DISPATCH_THEME": "DARK", "COLORFGBG": "0;15"}, true},
		{map[string]string{"COLORFGBG": "0;15"}, false},
		{map[string]string{"COLORFGBG": "15;default;0"}, true},
		{map[string]string{"TERM": "dumb"}, true},
	}
	for _, tt := range tests {
		// nil files: Dark must decide from the environment without touching them
		if got := Dark(nil, nil, env(tt.env)); got != tt.want {
			t.Errorf("Dark with %v = %v, want %v", tt.env, got, tt.want)
		}
	}
}
