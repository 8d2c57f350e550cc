//go:build !unix

package termbg

import (
	"os"
	"time"
)

// query does not ask on systems without POSIX terminals; the default applies.
func query(in, out *os.File, req string, timeout time.Duration) ([]byte, bool) {
	return nil, false
}
