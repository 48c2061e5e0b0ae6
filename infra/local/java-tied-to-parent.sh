#!/bin/sh
# Runs `java "$@"` (DynamoDB Local) tied to the Node.js process that started it. That process
# holds this script's stdin open; when it goes away for any reason — even SIGKILL or the OOM
# killer — stdin reaches end-of-file and java is stopped. SIGTERM, SIGINT and SIGHUP sent to this
# script are passed on to java as SIGTERM, and the script exits only after java has, with java's
# status. It prints `java-pid <pid>` on stderr so the caller can SIGKILL java if it hangs.
java_pid=
stopping=
stop_java() {
  stopping=1
  if [ -n "$java_pid" ]; then kill -TERM "$java_pid" 2>/dev/null; fi
}
trap stop_java TERM INT HUP
exec 3<&0
java "$@" </dev/null 3<&- &
java_pid=$!
exec 0</dev/null
echo "java-pid $java_pid" >&2
# a signal that came before java's pid was known
if [ -n "$stopping" ]; then kill -TERM "$java_pid" 2>/dev/null; fi
# the watcher: end-of-file on the caller's pipe stops java
{ cat <&3 >/dev/null; kill -TERM "$java_pid" 2>/dev/null; } &
watcher=$!
exec 3<&-
wait "$java_pid"
status=$?
# a trapped signal interrupts `wait` (status > 128) while java may still be stopping
while [ "$status" -gt 128 ] && kill -0 "$java_pid" 2>/dev/null; do
  wait "$java_pid"
  status=$?
done
# java is gone: the watcher must not signal its pid later, when it may belong to another process
kill "$watcher" 2>/dev/null
exit "$status"
