package ops

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pagesOnly are the operations the vendor's pages document but its
// OpenAPI file (testdata/openapi-operations.tsv, extracted from the
// vendor's openapi.yaml of 2026-08-11) does not list. Keep it short and
// named: a row that is neither here nor in the file is a typo.
var pagesOnly = []string{
	"GET /apiops/environments/{projectName}", // the first version of Get Environments by Project
}

// TestEveryOperationIsInTheVendorsOpenAPIFile holds each row of the
// catalog against the vendor's operation list.
func TestEveryOperationIsInTheVendorsOpenAPIFile(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "openapi-operations.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]bool{}
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if method, path, ok := strings.Cut(lines.Text(), "\t"); ok && !strings.HasPrefix(method, "#") {
			listed[method+" "+path] = true
		}
	}
	if len(listed) < 300 {
		t.Fatalf("read %d operations from the OpenAPI list; want its 320-odd", len(listed))
	}
	for _, op := range All() {
		only := slices.Contains(pagesOnly, op.Pattern())
		switch {
		case op.PagesOnly != only:
			t.Errorf("%s: PagesOnly is %v but the pagesOnly list says %v", op.Pattern(), op.PagesOnly, only)
		case only && listed[op.Pattern()]:
			t.Errorf("%s is marked PagesOnly but the OpenAPI file lists it", op.Pattern())
		case !only && !listed[op.Pattern()]:
			t.Errorf("%s (%s) is not in the vendor's OpenAPI file", op.Pattern(), op.Name)
		}
	}
}

// TestOperationsAreWellFormed: unique patterns, names and doc pages, and
// templates the Client can fill.
func TestOperationsAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, op := range All() {
		if seen[op.Pattern()] {
			t.Errorf("%s is in the catalog twice", op.Pattern())
		}
		seen[op.Pattern()] = true
		if op.Name == "" || !strings.HasPrefix(op.Doc, "https://") || strings.HasPrefix(op.Path, "/") {
			t.Errorf("%+v: want a name, an https doc page and a path below /apiops/", op)
		}
		var rebuilt strings.Builder
		for _, p := range op.Parts() {
			if p.Param != "" {
				rebuilt.WriteString("{" + p.Param + "}")
			} else {
				rebuilt.WriteString(p.Literal)
			}
		}
		if rebuilt.String() != op.Path {
			t.Errorf("%s: parts rebuild %q", op.Path, rebuilt.String())
		}
		for _, seg := range strings.Split(op.Path, "/") {
			if strings.Contains(seg, "{") && (!strings.HasPrefix(seg, "{") || !strings.HasSuffix(seg, "}")) {
				t.Errorf("%s: a parameter must be a whole segment, not %q", op.Path, seg)
			}
		}
	}
}
