package main

import (
	"encoding/json"
	"testing"
)

func TestDemoText(t *testing.T) {
	var cat []struct {
		Exercise string `json:"exercise"`
		Variants []struct {
			ID string `json:"id"`
		} `json:"variants"`
	}
	if err := json.Unmarshal([]byte(demoCatalogText()), &cat); err != nil || len(cat) < 10 {
		t.Fatalf("catalog: %d entries, %v", len(cat), err)
	}
	cases := []struct {
		req      string
		wantCode string
	}{
		{`{"exercise":"cat-camel","variant":"good"}`, ""},
		{`{"exercise":"bird-dog","variant":"pelvic-roll","view":"rear"}`, ""},
		{`{"exercise":"nope"}`, "invalid"},
		{`not json`, "invalid"},
	}
	for _, c := range cases {
		var out struct {
			Frames [][33][4]float64 `json:"frames"`
			Error  *struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		if err := json.Unmarshal([]byte(demoText(c.req)), &out); err != nil {
			t.Fatalf("%s: %v", c.req, err)
		}
		switch {
		case c.wantCode == "" && (out.Error != nil || len(out.Frames) < 2):
			t.Errorf("%s: error %+v, %d frames", c.req, out.Error, len(out.Frames))
		case c.wantCode != "" && (out.Error == nil || out.Error.Code != c.wantCode):
			t.Errorf("%s: error %+v, want code %s", c.req, out.Error, c.wantCode)
		}
	}
}
