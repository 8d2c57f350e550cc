package article_test

import (
	"testing"

	"dispatch/store/article"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Geneva Breakthrough: US–Ukraine Talks", "geneva-breakthrough-us-ukraine-talks"},
		{"U.S. and Ukrainian Delegations Report Meaningful Progress After Talks", "us-and-ukrainian-delegations-report-meaningful"},
		{"Russia’s war", "russias-war"},
		{"Türkiye’s role — “mediator”", "turkiyes-role-mediator"},
		{"  --  ", "article"},
		{"東京 talks", "talks"},
		{"", "article"},
		{"Supercalifragilisticexpialidocious-supercalifragilisticexpialidocious-word", "supercalifragilisticexpialidocious-supercalifragilisticexpia"},
	}
	for _, tt := range tests {
		if got := article.Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
