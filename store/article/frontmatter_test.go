package article

import "testing"

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		src, head, body string
		offset          int
		err             bool
	}{
		{"---\ntitle: A\n---\nBody\n", "title: A\n", "Body\n", 1, false},
		{"\n\n---  \ntitle: A\n--- \nBody", "title: A\n", "Body", 3, false},
		{"---\n---\nBody", "", "Body", 1, false},
		{"---\ntitle: A\n---", "title: A\n", "", 1, false},
		{"# Title\n\n---\n\nA rule, not front matter.\n", "", "# Title\n\n---\n\nA rule, not front matter.\n", 0, false},
		{"---\ntitle: A\nBody without an end\n", "", "", 0, true},
	}
	for _, tt := range tests {
		head, body, offset, err := splitFrontMatter(tt.src)
		if (err != nil) != tt.err || head != tt.head || body != tt.body || offset != tt.offset {
			t.Errorf("splitFrontMatter(%q) = %q, %q, %d, %v; want %q, %q, %d, error %v", tt.src, head, body, offset, err, tt.head, tt.body, tt.offset, tt.err)
		}
	}
}
