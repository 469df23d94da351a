#!/bin/sh
# Prisma 6's CLI looks for native engines it would download; this project uses the wasm schema engine and the
# pg driver adapter instead (docs/decisions/0001-prisma-6-with-driver-adapter.md). Nothing should run this file.
echo "native Prisma engines are not used by this project (see prisma.config.ts)" >&2
exit 1
