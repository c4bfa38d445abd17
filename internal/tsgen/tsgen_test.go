package tsgen

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

type color string

type inner struct {
	Name string `json:"name"`
	Dup  int    `json:"dup"`
}

type point struct{ X, Y float64 }

type outer struct {
	inner
	Dup     string           `json:"dup"` // shadows inner's
	Color   color            `json:"color,omitempty"`
	Tags    []string         `json:"tags"`
	Pair    [2]int           `json:"pair"`
	Long    [5]float64       `json:"long"`
	Grid    [][4]float64     `json:"grid"`
	Next    *point           `json:"next"`
	Maybe   *point           `json:"maybe,omitempty"`
	Counts  map[string]int   `json:"counts"`
	Raw     json.RawMessage  `json:"raw"`
	When    time.Time        `json:"when"`
	Anon    struct{ A bool } `json:"anon"`
	Skipped int              `json:"-"`
	private int              // not a property
	NoTag   bool
	Notes   []*point          `json:"notes,omitempty"`
	Dashed  string            `json:"a-b"`
	ByName  map[string]*inner `json:"by_name"`
}

func TestSource(t *testing.T) {
	g := New()
	Enum(g, "Color", color("red"), color("green"))
	Add[outer](g, "Outer", "An outer thing.")
	got, err := g.Source("// header\n")
	if err != nil {
		t.Fatal(err)
	}
	want := `// header

export type Color = "red" | "green";

/** An outer thing. */
export interface Outer {
  name: string;
  dup: string;
  color?: Color;
  tags: string[];
  pair: [number, number];
  long: number[];
  grid: [number, number, number, number][];
  next: point | null;
  maybe?: point;
  counts: Record<string, number>;
  raw: unknown;
  when: string;
  anon: {
    A: boolean;
  };
  NoTag: boolean;
  notes?: (point | null)[];
  "a-b": string;
  by_name: Record<string, inner | null>;
}

export interface point {
  X: number;
  Y: number;
}

export interface inner {
  name: string;
  dup: number;
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	_ = outer{}.private
}

type selfJSON struct{}

func (selfJSON) MarshalJSON() ([]byte, error) { return []byte(`1`), nil }

func TestRefuses(t *testing.T) {
	type a struct {
		S selfJSON `json:"s"`
	}
	type b struct{ C chan int }
	g := New()
	Add[a](g, "A", "")
	Add[b](g, "B", "")
	Add[b](g, "A", "")
	_, err := g.Source("")
	for _, w := range []string{"writes its own JSON", "no JSON type for Go type chan int", "two Go types would be A"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v, want it to say %q", err, w)
		}
	}
}

func TestInterface(t *testing.T) {
	g := New()
	Interface(g, "Raw", "A module's functions.", []Member{
		{Name: "version", Doc: "Its version.", Type: "string"},
		{Name: "list", Method: true, Type: "string"},
		{Name: "step", Doc: "Steps.", Method: true, Params: []Param{{"h", "number"}, {"pose", "Float64Array | null"}}, Type: "void"},
	})
	got, err := g.Source("// header\n")
	if err != nil {
		t.Fatal(err)
	}
	want := `// header

/** A module's functions. */
export interface Raw {
  /** Its version. */
  readonly version: string;
  list(): string;
  /** Steps. */
  step(h: number, pose: Float64Array | null): void;
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	Interface(g, "Raw", "", nil)
	if _, err := g.Source(""); err == nil || !strings.Contains(err.Error(), "two declarations would be Raw") {
		t.Errorf("a second Raw: error %v", err)
	}
}
