# The two commands of the README: `make run` starts the app on its embedded
# default (SQLite in ./data), `make test` runs every test.
# `make run ADDR=HOST:PORT` listens elsewhere than 127.0.0.1:8080.
GO ?= go
ADDR ?= 127.0.0.1:8080

.PHONY: run test test-go test-web lint build web web-deps

run: web
	$(GO) run ./cmd/stretchwise serve --addr $(ADDR) --data ./data

build: web
	$(GO) build -o bin/stretchwise ./cmd/stretchwise

# web builds the browser app (TypeScript, the WebAssembly engine and the
# MediaPipe files) into web/dist. npm ci runs when node_modules is missing
# or older than package-lock.json (a dependency was added or changed);
# the engine and Go's wasm_exec.js go to web/public, which Vite copies.
web: web-deps
	@if [ -d cmd/stretchwise-wasm ]; then \
		echo "GOOS=js GOARCH=wasm $(GO) build -o web/public/engine.wasm ./cmd/stretchwise-wasm"; \
		GOOS=js GOARCH=wasm $(GO) build -trimpath -o web/public/engine.wasm ./cmd/stretchwise-wasm && \
		cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" web/public/wasm_exec.js; \
	fi
	cd web && npm run build

# web-deps installs the web app's npm packages when node_modules is missing
# or older than package-lock.json.
web-deps:
	@[ -d web/node_modules ] || echo "First build on this clone: installing the web app's npm packages, then building the WebAssembly engine and the app (a few minutes; later builds take seconds)."
	cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci; }

# test-web runs the front end's unit tests and its browser tests
# (playwright-core driving Debian's Chromium against stretchwise serve).
test-web: web
	cd web && npm test && npm run e2e

# web comes before test-go: the extract test runs the built app in Chromium.
test: lint web test-go test-web

# lint: go vet, gofmt and staticcheck (a Go tool of go.mod: go tool staticcheck),
# and ESLint over the web app's TypeScript (web/eslint.config.js).
lint: web-deps
	cd web && npm run lint
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# test-go runs every Go test, then the packages that run goroutines
# (the server, both stores and the SQL they share) again under the race
# detector.
test-go:
	$(GO) test -count=1 ./...
	$(GO) test -race -count=1 ./http ./sqlite ./postgres ./sqlstore ./internal/...
