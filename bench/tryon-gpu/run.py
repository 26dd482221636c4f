#!/usr/bin/env python3
"""The try-on bench on a machine with a GPU but no Node (the GPU machine lent to some tasks).

It drives Chromium over the DevTools pipe (standard library only) on the bench page built here by
`npm run bench -- tryon --gpu-kit KIT`, makes the same calls bench/tryon.ts makes, and writes what
the page returned to a JSON file that `npm run bench -- tryon --report FILE` prints with the same
lines as a run on this machine. Before that it tries each set of GPU flags on a blank page and keeps
the first whose WebGL renderer is not a software rasteriser; it prints each set's renderer and
Chromium's own GPU report, so a machine where none works says why.

  run.py --chromium PATH --kit KIT --data DATA --webcam CAM.mjpeg --out REPORT.json [--flags "A|B|..."] [--profiles DIR]

DATA holds faces/ (grace_hopper.jpg), lips/, fit/ and mediapipe/ (served as bench/tryon.ts serves them).
"""
import argparse
import fcntl
import http.server
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

SOFTWARE = re.compile(r"swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen", re.I)
TYPES = {
    ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
    ".glb": "model/gltf-binary", ".jpg": "image/jpeg", ".png": "image/png", ".css": "text/css",
}
DEFAULT_FLAGS = "|".join([
    "--use-angle=vulkan --enable-features=Vulkan --disable-vulkan-surface --ignore-gpu-blocklist --enable-gpu-rasterization",
    "--use-gl=angle --use-angle=gl-egl --ignore-gpu-blocklist --enable-gpu-rasterization",
    "--use-angle=vulkan --enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan --use-vulkan=native --ignore-gpu-blocklist",
    "--enable-gpu --ignore-gpu-blocklist",
])
BASE_ARGS = ["--headless", "--no-sandbox", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--remote-debugging-pipe"]


def log(*parts):
    print(*parts, flush=True)


def serve(page, data):
    routes = [("/mediapipe/", "mediapipe"), ("/lips/", "lips"), ("/faces/", "faces"), ("/fit/", "fit")]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = urllib.parse.urlparse(self.path).path
            for prefix, folder in routes:
                if path.startswith(prefix):
                    file = os.path.join(data, folder, os.path.basename(path))
                    break
            else:
                file = os.path.normpath(os.path.join(page, path.lstrip("/")))
                if not file.startswith(page):
                    return self.send_error(403)
            if not os.path.isfile(file):
                return self.send_error(404)
            body = open(file, "rb").read()
            self.send_response(200)
            self.send_header("content-type", TYPES.get(os.path.splitext(file)[1], "application/octet-stream"))
            self.send_header("content-length", str(len(body)))
            self.send_header("cross-origin-opener-policy", "same-origin")
            self.send_header("cross-origin-embedder-policy", "require-corp")
            self.send_header("cross-origin-resource-policy", "same-origin")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Browser:
    """Chromium with the DevTools protocol on fds 3 (commands in) and 4 (replies out), NUL-separated JSON."""

    def __init__(self, chromium, args, profile):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def child():
            a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen([chromium, *BASE_ARGS, f"--user-data-dir={profile}", *args, "about:blank"],
                                     preexec_fn=child, close_fds=False, stdout=subprocess.DEVNULL,
                                     stderr=open(profile + ".stderr", "w"))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._ids = itertools.count(1)
        self._pending = {}
        self._lock = threading.Lock()
        self.session = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                for waiter in list(self._pending.values()):
                    waiter[1] = {"error": {"message": "Chromium closed the pipe"}}
                    waiter[0].set()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    waiter = self._pending.get(message["id"])
                    if waiter:
                        waiter[1] = message
                        waiter[0].set()
                elif message.get("method") == "Runtime.consoleAPICalled":
                    p = message["params"]
                    if p["type"] in ("error", "warning") or os.environ.get("BENCH_VERBOSE"):
                        text = " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])
                        log("[page]", p["type"], text[:300])
                elif message.get("method") == "Runtime.exceptionThrown":
                    log("[page] exception", json.dumps(message["params"]["exceptionDetails"])[:600])
                elif message.get("method") in ("Inspector.targetCrashed", "Target.targetCrashed"):
                    log("[page] crashed", json.dumps(message.get("params"))[:300])

    def call(self, method, params=None, timeout=60.0, session=True):
        ident = next(self._ids)
        message = {"id": ident, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        waiter = [threading.Event(), None]
        self._pending[ident] = waiter
        with self._lock:
            os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        if not waiter[0].wait(timeout):
            raise TimeoutError(f"{method} took over {timeout:.0f} s")
        del self._pending[ident]
        reply = waiter[1]
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error'].get('message')}")
        return reply["result"]

    def open_page(self):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.call("Runtime.enable")
        self.call("Page.enable")

    def evaluate(self, expression, timeout=60.0):
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True},
                           timeout=timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(details.get("exception", {}).get("description") or json.dumps(details)[:1000])
        return result["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


RENDERER = """(() => {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no webgl2';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
})()"""


def probe(chromium, flags, profile):
    """The WebGL renderer a flag set gives, and Chromium's GPU report (SystemInfo.getInfo)."""
    browser = Browser(chromium, flags.split(), profile)
    try:
        info = browser.call("SystemInfo.getInfo", session=False, timeout=30)
        browser.open_page()
        renderer = browser.evaluate(RENDERER, timeout=30)
        return renderer, info.get("gpu", {})
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser()
    for name in ("chromium", "kit", "data", "webcam", "out"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--flags", default=DEFAULT_FLAGS)
    parser.add_argument("--timeout", type=float, default=420)
    parser.add_argument("--profiles", default="/tmp/anchor-bench-profiles", help="Chromium profiles and their stderr logs")
    o = parser.parse_args()
    profiles = o.profiles
    os.makedirs(profiles, exist_ok=True)
    chosen = None
    for k, flags in enumerate(o.flags.split("|")):
        try:
            renderer, gpu = probe(o.chromium, flags, os.path.join(profiles, f"probe{k}"))
        except Exception as error:  # a flag set that does not start is a finding, not the end of the run
            log(f"probe {k} ({flags}): failed: {error}")
            continue
        log(f"probe {k} ({flags}): WebGL renderer {renderer!r}")
        log("   gpu devices:", json.dumps(gpu.get("devices"))[:600])
        log("   feature status:", json.dumps(gpu.get("featureStatus"))[:900])
        if renderer and not SOFTWARE.search(renderer) and not renderer.startswith("no webgl"):
            chosen = (flags, renderer)
            break
        with open(os.path.join(profiles, f"probe{k}.stderr"), errors="replace") as stderr:
            lines = [line.rstrip() for line in stderr if re.search(r"gpu|vulkan|egl|angle|\bgl|viz", line, re.I)]
        for line in lines[-8:]:
            log("   stderr:", line[:300])
    if chosen is None:
        log("no flag set gave a hardware WebGL renderer: running on the default software path for comparison")
        chosen = ("", "software")
    flags, renderer = chosen
    calls = json.load(open(os.path.join(o.kit, "calls.json")))
    server = serve(os.path.abspath(os.path.join(o.kit, "page")), os.path.abspath(o.data))
    url = f"http://127.0.0.1:{server.server_address[1]}/bench/tryon-page.html"
    webcam = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={o.webcam}"]
    args = flags.split() + webcam
    browser = Browser(o.chromium, args, os.path.join(profiles, "bench"))
    started = time.time()
    try:
        browser.open_page()
        browser.call("Page.navigate", {"url": url})
        while browser.evaluate("document.title") != "ready":
            if time.time() - started > 120:
                raise TimeoutError("the bench page did not get ready in 120 s")
            time.sleep(0.25)
        if not browser.evaluate("crossOriginIsolated"):
            raise RuntimeError("the bench page is not cross-origin isolated")
        machine = f"{renderer}, {os.cpu_count()} cores, load avg {os.getloadavg()[0]:.2f}"
        log("drawing alone…")
        draws = browser.evaluate(f"drawTimes('/faces/grace_hopper.jpg', {json.dumps(calls['drawLooks'])}, 30)", timeout=120)
        result = {"machine": machine, "chromiumArgs": flags.split(), "draws": draws, "report": None}
        json.dump(result, open(o.out, "w"))
        log("frames, MediaPipe and live…")
        options = {k: calls[k] for k in ("frames", "liveSeconds", "liveLooks", "fullFrameLooks")}
        result["report"] = browser.evaluate(f"runTryOnBench({json.dumps(options)})", timeout=o.timeout)
        result["machine"] = f"{renderer}, {os.cpu_count()} cores, load avg {os.getloadavg()[0]:.2f}"
        json.dump(result, open(o.out, "w"))
        log(f"done in {time.time() - started:.0f} s: {o.out}")
    finally:
        browser.close()
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
