#!/bin/sh
# 食安武清：cron 运行的发布（deploy/crontab）。读取发布配置，运行 npm run publish，把全部输出写进系统日志
# （journalctl -t shian-wuqing-publish 或 /var/log/syslog），失败时另记一条错误并以发布的退出码结束（cron 会把
# 这条错误邮寄给账号，如已配置邮件）。
# Run by cron (deploy/crontab): loads the publish settings, runs npm run publish, sends everything it prints to the
# system log, and on failure logs one more line at error priority and exits with the publish's own status (a plain
# pipe into logger would hide it). Without a system log (no /dev/log), the output goes to cron's mail instead.
#
# The settings file defaults to /etc/shian-wuqing/publish.env (SHIAN_PUBLISH_ENV overrides it); the project is the
# folder above this script.
set -u
project=$(cd "$(dirname "$0")/.." && pwd) || exit 1
env_file=${SHIAN_PUBLISH_ENV:-/etc/shian-wuqing/publish.env}
tag=shian-wuqing-publish

# Where the output goes: the system log when there is one (its socket: journald's or rsyslog's), else standard output
# (cron mails it). logger itself exits 0 even when no system log takes its lines.
if [ -S /dev/log ]; then
  sink() { logger -t "$tag"; }
  failed() { logger -p user.err -t "$tag" "$1"; echo "$1" >&2; }
else
  sink() { cat; }
  failed() { echo "$1" >&2; }
fi

if [ ! -r "$env_file" ]; then
  failed "没有发布：读不到发布配置 $env_file（应含 SITE_URL 和 PUBLISH_DIR）。"
  exit 2
fi
set -a
. "$env_file"
set +a

status_file=$(mktemp) || exit 1
{
  cd "$project" && npm run publish 2>&1
  echo $? >"$status_file"
} | sink
status=$(cat "$status_file")
rm -f "$status_file"
if [ "${status:-1}" -ne 0 ]; then
  failed "食安武清发布失败（退出码 ${status:-未知}），网站仍是原来的版本。详情见 journalctl -t $tag 或 /var/log/syslog。"
  exit "${status:-1}"
fi
