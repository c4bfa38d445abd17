// Package password hashes and checks account passwords with argon2id
// (golang.org/x/crypto/argon2), in the PHC string format
// $argon2id$v=19$m=...,t=...,p=...$salt$hash that other tools read.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters.
type Params struct {
	MemoryKiB uint32 // m: memory in KiB
	Time      uint32 // t: passes over memory
	Threads   uint8  // p: lanes
	SaltLen   int    // bytes of random salt
	KeyLen    uint32 // bytes of hash output
}

// DefaultParams are the OWASP Password Storage Cheat Sheet's first argon2id
// configuration: m = 19 MiB, t = 2, p = 1. RFC 9106 section 4 recommends
// more memory (its second option: 64 MiB, t = 3, p = 4), which on a 2-core
// server costs about 4x the time per login; OWASP lists the configurations
// as equally strong trade-offs of memory for passes. Salt 16 bytes and a
// 32-byte tag as RFC 9106 recommends.
var DefaultParams = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// MaxLen is the longest password accepted, in bytes: long enough for any
// passphrase, short enough that hashing cost does not depend on the
// attacker's input size. Our choice.
const MaxLen = 256

// MinLen is the shortest password accepted, in bytes. NIST SP 800-63B
// section 5.1.1.2 requires at least 8 characters.
const MinLen = 8

// ErrMalformed reports a stored hash this package cannot read.
var ErrMalformed = errors.New("malformed argon2id hash")

var b64 = base64.RawStdEncoding

// Hash returns the PHC string of password under p with a random salt.
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.MemoryKiB, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether password matches the PHC string encoded, in
// constant time with respect to the hash.
func Verify(password, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, ErrMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformed
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil || p.Time == 0 || p.Threads == 0 {
		return false, ErrMalformed
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformed
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, ErrMalformed
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
