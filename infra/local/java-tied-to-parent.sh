#!/bin/sh
# Runs `java "$@"` (DynamoDB Local) tied to the Node.js process that started it. That process
# holds this script's stdin open; when it goes away for any reason — even SIGKILL or the OOM
# killer — stdin reaches end-of-file and java is stopped. SIGTERM, SIGINT and SIGHUP sent to this
# script are passed on to java, and the script exits only after java has, with java's status.
exec 3<&0
java "$@" </dev/null 3<&- &
java_pid=$!
exec 0</dev/null
trap 'kill -TERM "$java_pid" 2>/dev/null' TERM INT HUP
{ cat <&3 >/dev/null; kill -TERM "$java_pid" 2>/dev/null; } &
exec 3<&-
status=0
while kill -0 "$java_pid" 2>/dev/null; do
  wait "$java_pid"
  status=$?
done
exit "$status"
