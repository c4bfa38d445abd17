package stretchwise_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/stretchwise/stretchwise"

// layers reads the table of docs/architecture.md: each package directory
// ("" for the root) and its layer.
func layers(t *testing.T) map[string]int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`^\| (\d+) \| (.*?) \|`)
	pkg := regexp.MustCompile("`([a-z0-9/-]+)/`" + `|` + "`stretchwise` " + `\(root\)`)
	out := map[string]int{}
	for _, line := range strings.Split(string(b), "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		layer, _ := strconv.Atoi(m[1])
		for _, p := range pkg.FindAllStringSubmatch(m[2], -1) {
			out[p[1]] = layer
		}
	}
	return out
}

// imports returns the project packages each package directory imports
// (test files left out).
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if dir == "." {
			dir = ""
		}
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if p == module {
				out[dir] = append(out[dir], "")
			} else if rest, ok := strings.CutPrefix(p, module+"/"); ok {
				out[dir] = append(out[dir], rest)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestArchitecture holds docs/architecture.md to the code: every package is
// in its table, and imports only packages of lower layers.
func TestArchitecture(t *testing.T) {
	layer := layers(t)
	if len(layer) < 10 {
		t.Fatalf("read only %d packages from docs/architecture.md", len(layer))
	}
	name := func(dir string) string {
		if dir == "" {
			return "the root package"
		}
		return dir + "/"
	}
	for dir, deps := range imports(t) {
		l, ok := layer[dir]
		if !ok {
			t.Errorf("%s is not in docs/architecture.md", name(dir))
			continue
		}
		for _, d := range deps {
			if dl, ok := layer[d]; ok && dl >= l {
				t.Errorf("%s (layer %d) imports %s (layer %d): a package imports only lower layers", name(dir), l, name(d), dl)
			}
		}
	}
}

// handMedian is a median taken by hand: the middle element of a slice.
var handMedian = regexp.MustCompile(`\[len\(\w+\)/2\]|\[int\(math\.Ceil\(`)

// TestOneStatisticsPackage: medians are package stats' (stats.Median,
// stats.UpperMedian, stats.Quantile), not the middle of a slice sorted in
// place elsewhere. filter/hampel.go keeps its own: selection networks on
// Hampel's short windows, measured faster than sorting (its doc comment).
func TestOneStatisticsPackage(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == "web" || path == "stats" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == filepath.Join("filter", "hampel.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if handMedian.MatchString(line) {
				t.Errorf("%s:%d: a median or quantile by hand (%s): use package stats", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// gateLiteral is a visibility gate set to a number: Gate: 0.5, gate = 0.5.
var gateLiteral = regexp.MustCompile(`(?i)\bgate\b\s*(:|=|:=)\s*0?\.[0-9]`)

// TestOneVisibilityGate: the visibility at which a landmark counts as seen
// is one constant, stretchwise.VisibilityGate (landmark.go); the Go
// packages and the web app (through the engine's visibilityGate) take it
// from there instead of writing its value again.
func TestOneVisibilityGate(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "dist" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		test := strings.HasSuffix(path, "_test.go") || strings.Contains(path, ".test.") || strings.Contains(path, ".e2e.")
		if d.IsDir() || test || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".ts")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if gateLiteral.MatchString(line) && !strings.HasPrefix(strings.TrimSpace(line), "//") {
				t.Errorf("%s:%d: a visibility gate written as a number (%s): use stretchwise.VisibilityGate", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
