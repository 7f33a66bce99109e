#!/bin/sh
# 食安武清：cron 运行的拉取与发布（deploy/crontab）。先从内容仓库拉取（git pull --ff-only，失败时记入日志、照常发布），
# 再读取发布配置运行 npm run publish，把全部输出写进系统日志（grep shian-wuqing /var/log/syslog），失败时另记一条错误并以
# 发布的退出码结束。
# Run by cron (deploy/crontab), as shian-wuqing-pull.service and shian-wuqing-publish.service do under systemd: pulls
# the repository (git pull --ff-only; a failure is logged and the publish goes ahead with the content there is), loads
# the publish settings, runs npm run publish, sends everything to the system log, and on failure logs one more line at
# error priority and exits with the publish's own status (a plain pipe into logger would hide it). Without a system
# log (no /dev/log: no rsyslog or journald), the output goes to standard output, which cron mails to the account.
#
# The settings file defaults to /etc/shian-wuqing/publish.env (SHIAN_PUBLISH_ENV overrides it); the project is the
# folder above this script.
set -u
project=$(cd "$(dirname "$0")/.." && pwd) || exit 1
env_file=${SHIAN_PUBLISH_ENV:-/etc/shian-wuqing/publish.env}

# sink TAG: its input to the system log under TAG, or to standard output. failed TAG MESSAGE: an error line too.
# logger itself exits 0 even when no system log takes its lines, so the socket is what tells.
if [ -S /dev/log ]; then
  sink() { logger -t "$1"; }
  failed() { logger -p user.err -t "$1" "$2"; echo "$2" >&2; }
else
  sink() { cat; }
  failed() { echo "$2" >&2; }
fi

cd "$project" || exit 1
if ! git pull --ff-only --quiet >/dev/null 2>"${TMPDIR:-/tmp}/shian-pull.$$"; then
  sink shian-wuqing-pull <"${TMPDIR:-/tmp}/shian-pull.$$"
  failed shian-wuqing-pull "没有拉取到内容仓库的新提交（git pull --ff-only 失败，原因见上一行），本次按服务器上已有的内容发布。"
fi
rm -f "${TMPDIR:-/tmp}/shian-pull.$$"

if [ ! -r "$env_file" ]; then
  failed shian-wuqing-publish "没有发布：读不到发布配置 $env_file（应含 SITE_URL 和 PUBLISH_DIR）。"
  exit 2
fi
set -a
. "$env_file"
set +a

status_file=$(mktemp) || exit 1
{
  npm run publish 2>&1
  echo $? >"$status_file"
} | sink shian-wuqing-publish
status=$(cat "$status_file")
rm -f "$status_file"
if [ "${status:-1}" -ne 0 ]; then
  failed shian-wuqing-publish \
    "食安武清发布失败（退出码 ${status:-未知}），网站仍是原来的版本。详情见 grep shian-wuqing /var/log/syslog。"
  exit "${status:-1}"
fi
