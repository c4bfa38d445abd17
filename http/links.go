package http

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stretchwise/stretchwise"
)

// InviteTTL is how long an invite code stays valid: long enough to hand it
// over at an appointment and use it at home that week. Our choice.
const InviteTTL = 7 * 24 * time.Hour

// errNoPatient is the answer for any patient the user may not see: the
// same as for one that does not exist, so ids cannot be probed.
var errNoPatient = stretchwise.Errorf(stretchwise.ENOTFOUND, "No such patient.")

// authorizePatient allows a patient their own data and a clinician the data
// of linked patients, writing the clinician's read of r to the patient's
// audit log; anything else is not found.
func (s *Server) authorizePatient(r *http.Request, u *stretchwise.User, patientID int64) error {
	switch u.Role {
	case stretchwise.RolePatient:
		if u.ID == patientID {
			return nil
		}
	case stretchwise.RoleClinician:
		ok, err := s.store.IsLinked(r.Context(), u.ID, patientID)
		if err != nil {
			return err
		} else if ok {
			return s.audit(r, u, patientID)
		}
	}
	return errNoPatient
}

// requirePatient refuses users who are not patients.
func requirePatient(u *stretchwise.User) error {
	if u.Role != stretchwise.RolePatient {
		return stretchwise.Errorf(stretchwise.EFORBIDDEN, "Only a patient account can do this.")
	}
	return nil
}

// pathID parses the path value name as an id: a whole number from 1 to the
// largest int64, written with the digits 0-9 only. Anything else is the
// request's mistake (EINVALID, 400), with a message that names the part of
// the path and says why; whether a well-formed id exists is the caller's
// question (404).
func pathID(r *http.Request, name string) (int64, error) {
	v := r.PathValue(name)
	bad := func(why string, a ...any) (int64, error) {
		return 0, stretchwise.Errorf(stretchwise.EINVALID, "The %s id in the path (%s) %s", pathPart(r), pathPattern(r), fmt.Sprintf(why, a...))
	}
	switch {
	case len(v) > maxIDDigits:
		return bad("has %d characters: an id has at most %d digits.", len(v), maxIDDigits)
	case v == "" || strings.Trim(v, "0123456789") != "":
		return bad("is %q: an id is written with the digits 0-9 only.", v)
	}
	id, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil:
		return bad("is larger than any id.")
	case id == 0:
		return bad("is 0: ids are 1 or more.")
	}
	return id, nil
}

// maxIDDigits is the length of the largest int64, 9223372036854775807.
const maxIDDigits = 19

// pathParts names what the id after each collection of the API is, in words.
var pathParts = map[string]string{
	"sessions": "session", "intakes": "intake", "plans": "plan", "checkins": "check-in",
	"recordings": "recording", "issue-reports": "issue report", "patients": "patient", "links": "account",
}

// pathPart names the thing a request's path id is about ("session"), from
// the route's pattern: the collection before the first wildcard.
func pathPart(r *http.Request) string {
	before, _, _ := strings.Cut(pathPattern(r), "/{")
	collection := before[strings.LastIndex(before, "/")+1:]
	if w, ok := pathParts[collection]; ok {
		return w
	}
	return collection
}

// pathPattern is the path of the route that matched r ("/api/v1/sessions/{id}").
func pathPattern(r *http.Request) string {
	_, path, _ := strings.Cut(r.Pattern, " ")
	return path
}

// listPatient is the patient a list request is about: ?patient=ID, which a
// clinician must give and a patient may give as their own id.
func (s *Server) listPatient(r *http.Request, u *stretchwise.User) (int64, error) {
	q := r.URL.Query().Get("patient")
	if q == "" {
		if u.Role == stretchwise.RolePatient {
			return u.ID, nil
		}
		return 0, stretchwise.Errorf(stretchwise.EINVALID, "Give the patient: ?patient=ID.")
	}
	id, err := strconv.ParseInt(q, 10, 64)
	if err != nil || id <= 0 {
		return 0, stretchwise.Errorf(stretchwise.EINVALID, "The patient parameter must be a positive id.")
	}
	if err := s.authorizePatient(r, u, id); err != nil {
		return 0, err
	}
	return id, nil
}

// inviteCode formats 10 random bytes as five groups of four characters in
// Crockford's base32 (no I, L, O, U): 80 bits, easy to read out and type.
func inviteCode() string {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	raw := []byte(randomToken(10))
	var b strings.Builder
	var acc, bits uint
	n := 0
	for i := 0; i < len(raw); i += 2 {
		v, _ := strconv.ParseUint(string(raw[i:i+2]), 16, 8)
		acc = acc<<8 | uint(v)
		bits += 8
		for bits >= 5 {
			if n > 0 && n%4 == 0 {
				b.WriteByte('-')
			}
			b.WriteByte(alphabet[(acc>>(bits-5))&31])
			bits -= 5
			n++
		}
	}
	return b.String()
}

// codeHash normalizes a typed code (case, dashes, spaces, and the letters
// Crockford's base32 reads as digits) and hashes it.
func codeHash(code string) []byte {
	code = strings.ToUpper(code)
	code = strings.NewReplacer("-", "", " ", "", "O", "0", "I", "1", "L", "1").Replace(code)
	h := sha256.Sum256([]byte(code))
	return h[:]
}

func (s *Server) handleCreateInvite(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	if u.Role != stretchwise.RoleClinician {
		return stretchwise.Errorf(stretchwise.EFORBIDDEN, "Only a clinician account can create invite codes.")
	}
	// The body is empty or an empty JSON object: an invite has no options.
	if r.ContentLength != 0 || r.Header.Get("Content-Type") != "" {
		var none struct{}
		if err := s.decodeJSON(w, r, &none); err != nil {
			return err
		}
	}
	if err := s.rateLimit(r.Context(), "invite:user:"+strconv.FormatInt(u.ID, 10), s.cfg.InvitesPerHour, time.Hour); err != nil {
		return err
	}
	code := inviteCode()
	expires := s.now().Add(InviteTTL).UTC()
	if err := s.store.CreateInvite(r.Context(), u.ID, codeHash(code), expires); err != nil {
		return err
	}
	return s.JSON(w, r, http.StatusCreated, invite{Code: code, ExpiresAt: expires})
}

func (s *Server) handleListLinks(r *http.Request, u *stretchwise.User) ([]*stretchwise.Link, error) {
	return s.store.ListLinks(r.Context(), u.ID, u.Role)
}

func (s *Server) handleCreateLink(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	var body struct {
		Code string `json:"code"`
	}
	if err := s.decodeJSON(w, r, &body); err != nil {
		return err
	}
	if err := requirePatient(u); err != nil {
		return err
	}
	if strings.TrimSpace(body.Code) == "" {
		return stretchwise.Errorf(stretchwise.EINVALID, "Enter the invite code.")
	}
	// Guessing codes is throttled like logins.
	if err := s.rateLimit(r.Context(), "link:user:"+strconv.FormatInt(u.ID, 10), s.cfg.LoginPerEmail, s.cfg.LoginWindow); err != nil {
		return err
	}
	link, err := s.store.RedeemInvite(r.Context(), u.ID, codeHash(body.Code), s.now())
	if err != nil {
		return err
	}
	s.logger.InfoContext(r.Context(), "linked", "patient", u.ID, "clinician", link.ClinicianID)
	return s.JSON(w, r, http.StatusCreated, link)
}

// handleDeleteLink unlinks; {user} is the other party: a patient gives the
// clinician's id, a clinician the patient's.
func (s *Server) handleDeleteLink(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	other, err := pathID(r, "user")
	if err != nil {
		return err
	}
	patient, clinician := u.ID, other
	if u.Role == stretchwise.RoleClinician {
		patient, clinician = other, u.ID
	}
	if err := s.store.DeleteLink(r.Context(), patient, clinician); err != nil {
		return err
	}
	s.logger.InfoContext(r.Context(), "unlinked", "patient", patient, "clinician", clinician)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// patientSummary is a patient as a clinician's list shows them.
type patientSummary struct {
	ID         int64     `json:"id"`
	Email      string    `json:"email"`
	LinkedAt   time.Time `json:"linked_at,omitzero"`
	Recordings int       `json:"recordings"`
}

func (s *Server) handleListPatients(r *http.Request, u *stretchwise.User) ([]patientSummary, error) {
	if u.Role != stretchwise.RoleClinician {
		return nil, stretchwise.Errorf(stretchwise.EFORBIDDEN, "Only a clinician account has a patient list.")
	}
	links, err := s.store.ListLinks(r.Context(), u.ID, u.Role)
	if err != nil {
		return nil, err
	}
	list := make([]patientSummary, 0, len(links))
	for _, l := range links {
		recs, err := s.store.ListRecordings(r.Context(), l.PatientID)
		if err != nil {
			return nil, err
		}
		list = append(list, patientSummary{ID: l.PatientID, Email: l.Email, LinkedAt: l.CreatedAt, Recordings: len(recs)})
	}
	return list, nil
}

// invite answers POST /invites: the code a patient types to link, and
// when it stops working.
type invite struct {
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expires_at"`
}
