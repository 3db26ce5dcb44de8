#!/usr/bin/env bash
# Every job that runs sluice, step "Build sluice": a release build of the checkout's sluice.
set -eo pipefail
# sluice:run
sudo apt-get update -qq
sudo apt-get install -y -qq --no-install-recommends libsnappy-dev libzstd-dev
swift build -c release --product sluice
