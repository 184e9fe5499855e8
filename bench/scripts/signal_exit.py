#!/usr/bin/env python3
"""Does ./dualnet end promptly on SIGINT / SIGTERM sent in the middle of a native (OpenBLAS) computation?

Usage: /usr/bin/python3 bench/scripts/signal_exit.py [--java-opts OPTS] [--signal INT|TERM] [--trials N] [--after S]

Starts `./dualnet relu2 fit --generate teacher --samples 20000 --dim 1000 --beta 1 --patterns 5000` as a child whose
SIGINT is at its default disposition (a background job of a script would ignore it), sends the signal after S seconds
(default 45) and reports whether the child ended within 10 s, or hung (it is then killed). docs/benchmarks.md, stop 30.
"""
import argparse
import os
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    a = argparse.ArgumentParser()
    a.add_argument('--java-opts', default='-Xmx8g')
    a.add_argument('--signal', default='INT', choices=['INT', 'TERM'])
    a.add_argument('--trials', type=int, default=2)
    a.add_argument('--after', type=float, default=45)
    args = a.parse_args()
    sig = getattr(signal, 'SIG' + args.signal)
    cmd = [os.path.join(ROOT, 'dualnet'), 'relu2', 'fit', '--generate', 'teacher', '--samples', '20000', '--dim',
           '1000', '--beta', '1', '--patterns', '5000', '--json']
    env = dict(os.environ, DUALNET_JAVA_OPTS=args.java_opts)
    hung = 0
    for t in range(args.trials):
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(args.after)
        p.send_signal(sig)
        t0 = time.time()
        try:
            rc = p.wait(timeout=10)
            print(f'{args.java_opts!r} SIG{args.signal} trial {t}: ended (return code {rc}) '
                  f'{time.time() - t0:.1f} s after the signal', flush=True)
        except subprocess.TimeoutExpired:
            hung += 1
            print(f'{args.java_opts!r} SIG{args.signal} trial {t}: HUNG (alive 10 s after the signal)', flush=True)
            p.kill()
            p.wait()
    return 1 if hung else 0


if __name__ == '__main__':
    sys.exit(main())
