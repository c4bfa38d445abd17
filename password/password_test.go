package password_test

import (
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"

	"github.com/stretchwise/stretchwise/password"
)

func TestHashVerify(t *testing.T) {
	h, err := password.Hash("correct horse battery", password.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not carry the default parameters", h)
	}
	h2, _ := password.Hash("correct horse battery", password.DefaultParams)
	if h == h2 {
		t.Errorf("two hashes of one password are equal: the salt is not random")
	}
	for _, tt := range []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
		{"correct horse battery ", false},
	} {
		got, err := password.Verify(tt.pw, h)
		if err != nil || got != tt.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tt.pw, got, err, tt.want)
		}
	}
}

// TestKnownVector checks the encoding against argon2.IDKey directly, so a
// change of parameters or encoding shows.
func TestKnownVector(t *testing.T) {
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("pw"), salt, 1, 64, 1, 16)
	enc := "$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.TrimRight(b64(key), "=")
	if ok, err := password.Verify("pw", enc); err != nil || !ok {
		t.Errorf("Verify of a hand-built PHC string = %v, %v", ok, err)
	}
}

func b64(b []byte) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var sb strings.Builder
	for i := 0; i < len(b); i += 3 {
		var n uint32
		k := 0
		for j := 0; j < 3; j++ {
			n <<= 8
			if i+j < len(b) {
				n |= uint32(b[i+j])
				k++
			}
		}
		for j := 0; j <= k; j++ {
			sb.WriteByte(chars[(n>>(18-6*j))&63])
		}
	}
	return sb.String()
}

func TestMalformed(t *testing.T) {
	for _, enc := range []string{
		"",
		"$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdA$aGFzaA",
		"$argon2id$v=19$m=64,t=0,p=1$c2FsdA$aGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdA$",
		"plain",
	} {
		if _, err := password.Verify("pw", enc); err != password.ErrMalformed {
			t.Errorf("Verify(%q) error = %v, want ErrMalformed", enc, err)
		}
	}
}
