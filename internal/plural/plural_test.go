package plural

import "testing"

func TestOf(t *testing.T) {
	for _, c := range []struct {
		n    int
		one  string
		many []string
		want string
	}{
		{1, "session", nil, "1 session"},
		{0, "session", nil, "0 sessions"},
		{3, "session", nil, "3 sessions"},
		{2, "day", nil, "2 days"},
		{2, "new baby", nil, "2 new babies"},
		{5, "family", []string{"families"}, "5 families"},
		{1, "family", []string{"families"}, "1 family"},
		{2, "session was", []string{"sessions were"}, "2 sessions were"},
		{2, "talking point", nil, "2 talking points"},
		{-1, "step", nil, "-1 steps"},
	} {
		if got := Of(c.n, c.one, c.many...); got != c.want {
			t.Errorf("Of(%d, %q, %q) = %q, want %q", c.n, c.one, c.many, got, c.want)
		}
	}
}
