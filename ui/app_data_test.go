package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Who changed the chosen baby? report, and nothing else: no function of
// the package but report (and New, which fills it) writes the data the
// root owns, takes its address, or calls one of its writing methods.
func TestOnlyReportChangesTheData(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	writers := map[string]bool{"choose": true, "done": true, "load": true, "save": true, "saved": true}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil || fn.Name.Name == "report" || fn.Name.Name == "New" {
				continue
			}
			bad := func(n ast.Node, what string) {
				t.Errorf("%s: %s %s the root's data: report the change instead", fset.Position(n.Pos()), fn.Name.Name, what)
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for _, l := range n.Lhs {
						if throughData(l) {
							bad(n, "writes")
						}
					}
				case *ast.IncDecStmt:
					if throughData(n.X) {
						bad(n, "writes")
					}
				case *ast.UnaryExpr:
					if n.Op == token.AND && throughData(n.X) {
						bad(n, "takes the address of")
					}
				case *ast.CallExpr:
					if s, ok := n.Fun.(*ast.SelectorExpr); ok && writers[s.Sel.Name] && throughData(s.X) {
						bad(n, "calls "+s.Sel.Name+" on")
					}
					if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "delete" || id.Name == "clear") && len(n.Args) > 0 && throughData(n.Args[0]) {
						bad(n, "deletes from")
					}
				}
				return true
			})
		}
	}
}

// throughData is true for an expression that reaches into x.data: x.data
// itself, x.data.baby, x.data.clears[id], ...
func throughData(e ast.Expr) bool {
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			if x.Sel.Name == "data" {
				return true
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return false
		}
	}
}
