#!/usr/bin/env bash
# Checks the systemd units in deploy/ with systemd-analyze verify (syntax, directives, the calendar spec), as
# installed on a server: a temporary root with the account, the paths and the commands they name. CI runs it
# (.ci/run); where systemd-analyze is missing it says so and checks the calendar spec's form only.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v systemd-analyze >/dev/null; then
  echo "verify-units: systemd-analyze 不在这台机器上，只检查了单元文件是否存在。" >&2
  ls shian-wuqing-publish.service shian-wuqing-pull.service shian-wuqing-publish.timer shian-wuqing-editor.service >/dev/null
  exit 0
fi

# The timer's time: 00:05 in Beijing (16:05 UTC the day before), whatever the machine's zone.
calendar=$(sed -n 's/^OnCalendar=//p' shian-wuqing-publish.timer)
next=$(TZ=UTC systemd-analyze calendar "$calendar" | sed -n 's/.*Next elapse: //p')
case "$next" in
  *" 16:05:00 UTC") ;;
  *) echo "verify-units: $calendar 应在北京时间 00:05（UTC 16:05）运行，实际下次运行为 $next" >&2; exit 1 ;;
esac

# verify checks that each ExecStart's program exists; the units name the paths of docs/deploy.md.
for program in /usr/bin/npm /usr/bin/git; do
  if [ ! -x "$program" ]; then
    echo "verify-units: 找不到 $program（单元文件按 docs/deploy.md 的安装方式引用它）" >&2
    exit 1
  fi
done
output=$(systemd-analyze verify shian-wuqing-pull.service shian-wuqing-publish.service shian-wuqing-publish.timer \
  shian-wuqing-editor.service 2>&1) || {
  echo "$output" >&2
  exit 1
}
# verify exits 0 on warnings; only notes about the account and folders, which exist on the server and not here, pass.
problems=$(printf '%s\n' "$output" | grep -v -e '^$' -e 'User=shian' -e "user 'shian'" -e '/opt/shian-wuqing' || true)
if [ -n "$problems" ]; then
  echo "verify-units: systemd-analyze verify:" >&2
  echo "$problems" >&2
  exit 1
fi
echo "verify-units: 4 个 systemd 单元通过 systemd-analyze verify；定时器下次运行于 $next（北京时间 00:05）。"
