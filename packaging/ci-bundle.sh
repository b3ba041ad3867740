#!/usr/bin/env bash
# CI for the desktop app bundle (run by .ci/run after the tests, inside its venv):
# build it with the README's command, keep it within the size limit, then run the frozen
# binary as users do: --self-test, `parley ask` against the loopback test gateway, and a
# start with no arguments on an X server (what a double-click does).
# Ends with one "bundle: N passed, N failed" line; exits non-zero if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
step() {  # step NAME COMMAND...: run it, count it, say so
    local name=$1
    shift
    echo "--- bundle: $name"
    if "$@"; then
        passed=$((passed + 1))
        echo "ok: $name"
    else
        failed=$((failed + 1))
        echo "FAILED: $name"
    fi
}

scratch=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    rm -rf "$scratch"
}
trap cleanup EXIT

app=dist/parley/parley
key=test-key-0123456789abcdef  # the test gateway's made-up key

build() {
    python -m pip install -q -e ".[build]" && python packaging/build.py --dist dist
}

ask_test_gateway() {
    python -m tests.gateway --port 0 --key "$key" --quiet \
        --transcript tests/fixtures/seed000_hello.sse >"$scratch/gateway.url" &
    pids+=($!)
    for _ in $(seq 50); do [ -s "$scratch/gateway.url" ] && break; sleep 0.2; done
    local url answer status
    url=$(head -n1 "$scratch/gateway.url")
    answer=$(PARLEY_HOME="$scratch/home" PARLEY_BASE_URL="$url" PARLEY_API_STYLE=apim \
             PARLEY_API_KEY="$key" "$app" ask "Hello" </dev/null)
    echo "answer: $answer"
    [ "$answer" = "Hello! How can I assist you today?" ] || return 1
    PARLEY_HOME="$scratch/home" PARLEY_BASE_URL="$url/v1" PARLEY_API_STYLE=openai \
        PARLEY_API_KEY=wrong-key "$app" ask "Hello" </dev/null
    status=$?
    echo "wrong key: exit $status (expected 4)"
    [ "$status" -eq 4 ] || return 1
    # A document: PDFium reads a text page and draws a scanned one (Pillow prepares it).
    python -c "import sys; from pathlib import Path; from tests import docgen
docgen.make_pdf(Path(sys.argv[1]), [docgen.Page(['Minutes of the meeting']),
                                    docgen.Page(picture=docgen.scan_picture())])" \
        "$scratch/minutes.pdf" || return 1
    PARLEY_HOME="$scratch/home" PARLEY_BASE_URL="$url" PARLEY_API_STYLE=apim \
        PARLEY_API_KEY="$key" "$app" ask "Summarise" --file "$scratch/minutes.pdf" \
        </dev/null >/dev/null 2>"$scratch/document.err"
    status=$?
    cat "$scratch/document.err"
    [ "$status" -eq 0 ] && grep -q "attached minutes.pdf: 2 pages, 1 as images" "$scratch/document.err"
}

start_like_a_double_click() {
    if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
        echo "Xvfb or xdotool missing (packaging/apt-packages.txt)"
        return 1
    fi
    local display=":$((100 + RANDOM % 800))"
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    pids+=($!)
    sleep 1
    # No arguments, no terminal, no stdin, a fresh home: as a file manager or menu starts it.
    env -i DISPLAY="$display" HOME="$scratch/desktop" PATH=/usr/bin:/bin LANG=C.UTF-8 \
        PARLEY_HOME="$scratch/desktop/parley" setsid "$app" </dev/null >"$scratch/gui.log" 2>&1 &
    pids+=($!)
    local window
    window=$(DISPLAY=$display timeout 30 xdotool search --sync --onlyvisible --class parley \
             2>/dev/null | head -n1)
    echo "window: ${window:-none} $(DISPLAY=$display xdotool getwindowname "$window" 2>/dev/null)"
    [ -n "$window" ]
}

step "build the bundle (python packaging/build.py)" build
if [ -x "$app" ]; then
    step "parley --self-test (frozen)" "$app" --self-test
    step "parley ask against the test gateway (frozen)" ask_test_gateway
    step "start with no arguments on an X server (frozen)" start_like_a_double_click
else
    failed=$((failed + 3))
fi
echo "bundle: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
