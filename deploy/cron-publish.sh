#!/bin/sh
# 食安武清：cron 运行的发布（deploy/crontab）。读取发布配置，运行 npm run publish，把全部输出写进系统日志
# （journalctl -t shian-wuqing-publish 或 /var/log/syslog），失败时另记一条错误并以发布的退出码结束（cron 会把这条
# 错误邮寄给账号，如已配置邮件）。
# Run by cron (deploy/crontab): loads the publish settings, runs npm run publish, sends everything it prints to the
# system log, and on failure logs one more line at error priority and exits with the publish's own status (a pipe
# into logger would hide it).
#
# The environment file defaults to /etc/shian-wuqing/publish.env (SHIAN_PUBLISH_ENV overrides it); the project is
# the folder this script is in.
set -u
project=$(cd "$(dirname "$0")/.." && pwd) || exit 1
env_file=${SHIAN_PUBLISH_ENV:-/etc/shian-wuqing/publish.env}
tag=shian-wuqing-publish

log() { logger -t "$tag" "$@" 2>/dev/null || echo "$tag: $*" >&2; }

if [ ! -r "$env_file" ]; then
  log -p user.err "没有发布：读不到发布配置 $env_file（应含 SITE_URL 和 PUBLISH_DIR）。"
  echo "没有发布：读不到发布配置 $env_file（应含 SITE_URL 和 PUBLISH_DIR）。" >&2
  exit 2
fi
set -a
. "$env_file"
set +a

status_file=$(mktemp) || exit 1
{
  cd "$project" && npm run publish 2>&1
  echo $? >"$status_file"
} | logger -t "$tag" 2>/dev/null || cat >&2
status=$(cat "$status_file")
rm -f "$status_file"
if [ "${status:-1}" -ne 0 ]; then
  log -p user.err "发布失败（退出码 ${status:-未知}），网站仍是原来的版本。详情见上方日志：journalctl -t $tag"
  echo "食安武清发布失败（退出码 ${status:-未知}），详情见 journalctl -t $tag 或 /var/log/syslog。" >&2
  exit "${status:-1}"
fi
