# The two commands of the README: `make run` starts the app on its embedded
# default (SQLite in ./data), `make test` runs every test.
GO ?= go

.PHONY: run test test-go lint build web

run: web
	$(GO) run ./cmd/stretchwise serve --data ./data

build: web
	$(GO) build -o bin/stretchwise ./cmd/stretchwise

# web builds the browser app (TypeScript, the WebAssembly engine and the
# MediaPipe files) into web/dist. Filled in by the web app.
web:

test: lint test-go

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

test-go:
	$(GO) test -count=1 ./...
