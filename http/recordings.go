package http

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/recording"
)

// RecordingTypes are the content types an upload may have: JSON Lines
// under its registered and its common names.
var RecordingTypes = []string{"application/x-ndjson", "application/jsonl", "application/x-jsonlines"}

// uploadBuffers keeps upload bodies' buffers between uploads, up to
// maxPooledUpload bytes each: a fresh buffer of megabytes for every upload
// costs the kernel's page faults and the collector's work
// (docs/benchmarks.md). Our choice of limit: a 60 s full-precision
// recording is about 9 MB; larger buffers are left to the collector.
var uploadBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledUpload = 16 << 20

// analysisBytesPerByte is the memory parsing and analyzing an upload holds
// beyond its body, per byte of body: measured 2.1-2.2 times by
// docs/bench/memupload.go for a 60 s and a 64 MiB recording, plus the
// stored copy's compression buffer and the report. Our choice of margin.
const analysisBytesPerByte = 3

func (s *Server) handleUploadRecording(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	ctx := r.Context()
	if err := requirePatient(u); err != nil {
		return err
	}
	kind := stretchwise.RecordingKind(r.URL.Query().Get("kind"))
	if kind == "" {
		kind = stretchwise.RecordingScreening
	}
	if !kind.Valid() {
		return stretchwise.Errorf(stretchwise.EINVALID, `The kind must be "screening" or "session".`)
	}
	if err := requireContentType(r, RecordingTypes...); err != nil {
		return err
	}
	if r.ContentLength > s.cfg.MaxRecordingBytes {
		return stretchwise.Errorf(stretchwise.ETOOLARGE, "A recording may be at most %d bytes.", s.cfg.MaxRecordingBytes)
	}
	if err := s.rateLimit(ctx, "upload:user:"+strconv.FormatInt(u.ID, 10), s.cfg.UploadsPerMinute, time.Minute); err != nil {
		return err
	}
	// The body first, on disk while it arrives; its memory, the slot and
	// the memory of the analysis only once it is all here, so slow uploads
	// hold up nobody (docs/operations.md, "Memory").
	key := s.workKey(r)
	buf := uploadBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	held, err := s.receive(w, r, key, buf, s.cfg.MaxRecordingBytes)
	defer func() { // nothing holds the body once the upload is stored
		s.bodies.release(key, held, 0)
		if buf.Cap() <= maxPooledUpload {
			uploadBuffers.Put(buf)
		}
	}()
	if err != nil {
		if stretchwise.ErrorCode(err) == stretchwise.ETOOLARGE {
			err = stretchwise.Errorf(stretchwise.ETOOLARGE, "A recording may be at most %d bytes.", s.cfg.MaxRecordingBytes)
		}
		return err
	}
	what := "Camera tests"
	if kind == stretchwise.RecordingSession {
		what = "Exercise sessions"
	}
	if err := s.refuseUnsafe(ctx, u.ID, what); err != nil {
		return err
	}
	raw := buf.Bytes()
	cost := analysisBytesPerByte * int64(len(raw))
	release, err := s.acquireWork(ctx, key, classUpload, cost, 1)
	if err != nil {
		return err
	}
	defer release()
	rec, err := recording.ReadBytes(raw, recording.Limits{
		MaxBytes: s.cfg.MaxRecordingBytes, MaxFrames: s.cfg.MaxRecordingFrames,
	})
	if err != nil {
		if stretchwise.ErrorCode(err) == stretchwise.EINTERNAL {
			err = stretchwise.Errorf(stretchwise.EINVALID, "The recording could not be read.")
		}
		return err
	}
	report, err := s.analyzer.Analyze(ctx, rec)
	if err != nil {
		return fmt.Errorf("analyze upload of user %d: %w", u.ID, err)
	}
	exercise := rec.Header.Exercise
	if exercise == "" {
		exercise = stretchwise.ExerciseUnknown
	}
	if report.Exercise != "" {
		exercise = report.Exercise
	}
	view := rec.Header.View
	if view == "" {
		view = stretchwise.ViewUnknown
	}
	if report.View != "" {
		view = report.View
	}
	stored := &stretchwise.StoredRecording{
		PatientID: u.ID, Kind: kind, Exercise: exercise, View: view,
		Frames: len(rec.Frames), DurationS: rec.Duration(), Report: report,
	}
	if err := s.store.CreateRecording(ctx, stored, raw); err != nil {
		return err
	}
	s.logger.InfoContext(ctx, "recording stored", "user", u.ID, "recording", stored.ID,
		"frames", stored.Frames, "bytes", stored.Size, "verdict", report.Verdict)
	return s.JSON(w, r, http.StatusCreated, stored)
}

// findRecording loads a recording the user may see.
func (s *Server) findRecording(r *http.Request, u *stretchwise.User) (*stretchwise.StoredRecording, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	rec, err := s.store.FindRecording(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := s.authorizePatient(r, u, rec.PatientID); err != nil {
		return nil, stretchwise.Errorf(stretchwise.ENOTFOUND, "No such recording.")
	}
	return rec, nil
}

func (s *Server) handleGetRecording(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	rec, err := s.findRecording(r, u)
	if err != nil {
		return err
	}
	data, err := s.store.RecordingData(r.Context(), rec.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Digest", "sha-256="+rec.SHA256)
	s.sendFile(w, r, "application/x-ndjson", fmt.Sprintf("recording-%d.jsonl", rec.ID), data)
	return nil
}

// handleGetReport sends the stored report JSON as it is: it was encoded by
// the server when the recording was stored.
func (s *Server) handleGetReport(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	notFound := stretchwise.Errorf(stretchwise.ENOTFOUND, "No such recording.")
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	owner, report, err := s.store.RecordingReport(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.authorizePatient(r, u, owner); err != nil {
		return notFound
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(report)+1))
	w.Write(append(report, '\n'))
	return nil
}

func (s *Server) handleListRecordings(r *http.Request, u *stretchwise.User) ([]*stretchwise.StoredRecording, error) {
	patient, err := s.listPatient(r, u)
	if err != nil {
		return nil, err
	}
	list, err := s.store.ListRecordings(r.Context(), patient)
	if err != nil {
		return nil, err
	}
	if k := stretchwise.RecordingKind(r.URL.Query().Get("kind")); k != "" {
		kept := list[:0]
		for _, rec := range list {
			if rec.Kind == k {
				kept = append(kept, rec)
			}
		}
		list = kept
	}
	return list, nil
}
