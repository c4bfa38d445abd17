package stretchwise_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

func TestErrorCodeAndMessage(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantCode string
		wantMsg  string
	}{
		{"nil", nil, "", ""},
		{"domain", stretchwise.Errorf(stretchwise.EINVALID, "line %d: bad", 3), stretchwise.EINVALID, "line 3: bad"},
		{"wrapped", fmt.Errorf("read: %w", stretchwise.Errorf(stretchwise.ENOTFOUND, "no such recording")), stretchwise.ENOTFOUND, "no such recording"},
		{"other", errors.New("disk on fire at /var/x"), stretchwise.EINTERNAL, "Internal error."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stretchwise.ErrorCode(tt.err); got != tt.wantCode {
				t.Errorf("ErrorCode = %q, want %q", got, tt.wantCode)
			}
			if got := stretchwise.ErrorMessage(tt.err); got != tt.wantMsg {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.wantMsg)
			}
		})
	}
}

func TestMirrorIsAnInvolution(t *testing.T) {
	for i, j := range stretchwise.Mirror {
		if stretchwise.Mirror[j] != i {
			t.Errorf("Mirror[Mirror[%d]] = %d, want %d", i, stretchwise.Mirror[j], i)
		}
		name, mirrored := stretchwise.LandmarkNames[i], stretchwise.LandmarkNames[j]
		swapped := strings.NewReplacer("left", "right", "right", "left").Replace(name)
		if swapped != mirrored {
			t.Errorf("landmark %s mirrors to %s, want %s", name, mirrored, swapped)
		}
	}
}

func TestViewMirrored(t *testing.T) {
	want := map[stretchwise.View]stretchwise.View{
		stretchwise.ViewFront: stretchwise.ViewFront, stretchwise.ViewRear: stretchwise.ViewRear,
		stretchwise.ViewLeft: stretchwise.ViewRight, stretchwise.ViewRight: stretchwise.ViewLeft,
		stretchwise.ViewFrontLeft: stretchwise.ViewFrontRight, stretchwise.ViewFrontRight: stretchwise.ViewFrontLeft,
		stretchwise.ViewRearLeft: stretchwise.ViewRearRight, stretchwise.ViewRearRight: stretchwise.ViewRearLeft,
		stretchwise.ViewUnknown: stretchwise.ViewUnknown,
	}
	for _, v := range stretchwise.Views {
		if got := v.Mirrored(); got != want[v] {
			t.Errorf("%s mirrored = %s, want %s", v, got, want[v])
		}
	}
}
