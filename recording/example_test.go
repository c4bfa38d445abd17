package recording_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/recording"
)

// pose returns the JSON of 33 identical landmarks.
func pose(lm string) string {
	return "[" + strings.TrimSuffix(strings.Repeat(lm+",", stretchwise.NumLandmarks), ",") + "]"
}

func ExampleRead() {
	data := `{"format":"stretchwise-recording","version":1,"topology":"blazepose33","width":1280,"height":720,"view":"rear-left","camera":"phone"}` + "\n" +
		`{"t":0,"lm":` + pose("[0.5,0.4,-0.1,0.9]") + `}` + "\n" +
		`{"t":0.033,"lm":null}` + "\n"
	rec, err := recording.Read(strings.NewReader(data), recording.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(rec.Frames), rec.Header.View, rec.Header.Extra["camera"])
	fmt.Println(rec.Frames[0].Detected, rec.Frames[0].Image[stretchwise.LeftHip].Visibility)
	fmt.Println(rec.Frames[1].Detected)
	// Output:
	// 2 rear-left phone
	// true 0.9
	// false
}

func ExampleRead_badInput() {
	data := `{"format":"stretchwise-recording","version":1,"topology":"blazepose33","width":1280,"height":720}` + "\n" +
		`{"t":0,"lm":` + pose("[0.5,0.4,-0.1,0.9]") + `}` + "\n" +
		`{"t":0.033,"lm":` + strings.Replace(pose("[0.5,0.4,-0.1,0.9]"), "0.9", "NaN", 1) + `}` + "\n"
	_, err := recording.Read(strings.NewReader(data), recording.Limits{})
	fmt.Println(stretchwise.ErrorCode(err))
	fmt.Println(stretchwise.ErrorMessage(err))
	// Output:
	// invalid
	// line 3: lm[0][3]: not a finite number (NaN is not JSON)
}

func ExampleWriteCSV() {
	rec := &stretchwise.Recording{
		Header: stretchwise.Header{Format: recording.Format, Version: recording.Version, Topology: stretchwise.TopologyBlazePose33, Width: 640, Height: 480},
		Frames: []stretchwise.Frame{{T: 0}, {T: 0.5, Detected: true}},
	}
	rec.Frames[1].Image[stretchwise.Nose] = stretchwise.Landmark{X: 0.5, Y: 0.25, Visibility: 1}
	if err := recording.WriteCSV(os.Stdout, rec); err != nil {
		fmt.Println(err)
	}
	// Output:
	// frame,t,landmark,x,y,z,visibility
	// 0,0,,,,,
	// 1,0.5,nose,0.5,0.25,0,1
	// 1,0.5,left_eye_inner,0,0,0,0
	// 1,0.5,left_eye,0,0,0,0
	// 1,0.5,left_eye_outer,0,0,0,0
	// 1,0.5,right_eye_inner,0,0,0,0
	// 1,0.5,right_eye,0,0,0,0
	// 1,0.5,right_eye_outer,0,0,0,0
	// 1,0.5,left_ear,0,0,0,0
	// 1,0.5,right_ear,0,0,0,0
	// 1,0.5,mouth_left,0,0,0,0
	// 1,0.5,mouth_right,0,0,0,0
	// 1,0.5,left_shoulder,0,0,0,0
	// 1,0.5,right_shoulder,0,0,0,0
	// 1,0.5,left_elbow,0,0,0,0
	// 1,0.5,right_elbow,0,0,0,0
	// 1,0.5,left_wrist,0,0,0,0
	// 1,0.5,right_wrist,0,0,0,0
	// 1,0.5,left_pinky,0,0,0,0
	// 1,0.5,right_pinky,0,0,0,0
	// 1,0.5,left_index,0,0,0,0
	// 1,0.5,right_index,0,0,0,0
	// 1,0.5,left_thumb,0,0,0,0
	// 1,0.5,right_thumb,0,0,0,0
	// 1,0.5,left_hip,0,0,0,0
	// 1,0.5,right_hip,0,0,0,0
	// 1,0.5,left_knee,0,0,0,0
	// 1,0.5,right_knee,0,0,0,0
	// 1,0.5,left_ankle,0,0,0,0
	// 1,0.5,right_ankle,0,0,0,0
	// 1,0.5,left_heel,0,0,0,0
	// 1,0.5,right_heel,0,0,0,0
	// 1,0.5,left_foot_index,0,0,0,0
	// 1,0.5,right_foot_index,0,0,0,0
}
