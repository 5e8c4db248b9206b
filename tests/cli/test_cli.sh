#!/bin/bash
# test_cli.sh — the command line: exit statuses (0 ok, 1 failure, 2 usage), help,
# errors on stderr, and init/import end to end. Usage: test_cli.sh path/to/minka
set -u
MINKA=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0
check() { # name expected-status command...
	name=$1; want=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"; got=$?
	if [ "$got" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL cli $name: exit $got, expected $want"; cat "$TMP/err"; fi
}
contains() { # name file text
	if grep -q -- "$3" "$2"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL cli $1: $2 lacks \"$3\""; cat "$2"; fi
}

check no-args 2 "$MINKA"
contains no-args-usage "$TMP/err" "usage: minka"
check unknown 2 "$MINKA" frobnicate
contains unknown-msg "$TMP/err" 'comando desconocido "frobnicate"'
check help 0 "$MINKA" --help
contains help-lists-serve "$TMP/out" "serve"
check version 0 "$MINKA" version
contains version-out "$TMP/out" "minka 0."
for c in serve init import user audit export migrate copy; do
	check "$c-help" 0 "$MINKA" "$c" --help
	contains "$c-help-usage" "$TMP/out" "usage: minka $c"
done
check bad-option 2 "$MINKA" init --bogus
contains bad-option-msg "$TMP/err" "opción desconocida --bogus"
check missing-value 2 "$MINKA" serve --port
check bad-port 2 "$MINKA" serve --port 99999
check bad-threads 2 "$MINKA" serve --threads zero
check import-no-kind 2 "$MINKA" import
check import-bad-kind 2 "$MINKA" import planets x
check import-missing-dir 1 "$MINKA" import territories "$TMP/none" --db "$TMP/a.db"
contains import-missing-dir-msg "$TMP/err" "departamentos.csv"
contains import-missing-dir-nothing "$TMP/err" "no se importó nada"
LANG=en_US.UTF-8 check import-missing-dir-en 1 "$MINKA" import territories "$TMP/none" --db "$TMP/a.db"
contains import-missing-dir-en-msg "$TMP/err" "nothing was imported"
check init-demo 0 "$MINKA" init --demo --db "$TMP/demo.db"
contains init-demo-counts "$TMP/out" "25 regiones, 196 provincias, 1891 distritos"
contains init-demo-municipality "$TMP/out" "Chachapoyas"
check reinit 0 "$MINKA" init --demo --db "$TMP/demo.db"
check import-ok 0 "$MINKA" import territories data/peru-ubigeo --db "$TMP/demo.db"
# accounts and the audit log from the command line
check init-default-admin 0 "$MINKA" init --db "$TMP/default-admin.db"
contains init-default-admin-out "$TMP/out" "admin@minka.local"
check init-first-admin 0 "$MINKA" init --db "$TMP/plain.db" --admin jefa@muni.gob.pe
contains init-first-admin-out "$TMP/out" "jefa@muni.gob.pe"
check init-admin-once 0 "$MINKA" init --db "$TMP/plain.db" --admin otra@muni.gob.pe
if grep -q "otra@muni" "$TMP/out"; then fail=$((fail + 1)); echo "FAIL cli: a second administrator was created"; else pass=$((pass + 1)); fi
check user-add 0 sh -c "echo 'clave-de-ana-2026' | '$MINKA' user add ana@muni.gob.pe --name 'Ana Quispe' --role planner --territory 0101 --db '$TMP/demo.db'"
check user-add-dup 1 sh -c "echo 'clave-de-ana-2026' | '$MINKA' user add ana@muni.gob.pe --name 'Ana Q' --db '$TMP/demo.db'"
contains user-add-dup-msg "$TMP/err" "Ya existe una cuenta"
check user-add-short 1 sh -c "echo 'corta' | '$MINKA' user add beto@muni.gob.pe --name Beto --db '$TMP/demo.db'"
check user-add-no-name 2 "$MINKA" user add x@y.pe --db "$TMP/demo.db"
check user-role 0 "$MINKA" user role ana@muni.gob.pe council --territory 0101 --db "$TMP/demo.db"
check user-role-bad 2 "$MINKA" user role ana@muni.gob.pe mayor --db "$TMP/demo.db"
check user-role-remove 0 "$MINKA" user role ana@muni.gob.pe council --territory 0101 --remove --db "$TMP/demo.db"
check user-passwd 0 sh -c "echo 'otra-clave-larga' | '$MINKA' user passwd ana@muni.gob.pe --db '$TMP/demo.db'"
check user-passwd-unknown 1 sh -c "echo 'otra-clave-larga' | '$MINKA' user passwd nadie@muni.gob.pe --db '$TMP/demo.db'"
check user-list 0 "$MINKA" user list --db "$TMP/demo.db"
contains user-list-ana "$TMP/out" "ana@muni.gob.pe"
contains user-list-role "$TMP/out" "planner:0101"
contains user-list-demo "$TMP/out" "vecina@demo.minka.pe"
check audit-verify 0 "$MINKA" audit verify --db "$TMP/demo.db"
contains audit-verify-out "$TMP/out" "intacto"
check audit-log 0 "$MINKA" audit log --entity account --limit 5 --db "$TMP/demo.db"
contains audit-log-out "$TMP/out" "account.password"
# tampering with any row is found and named
sqlite3 "$TMP/demo.db" "UPDATE audit_log SET actor = 'Alguien' WHERE seq = 3"
check audit-verify-altered 1 "$MINKA" audit verify --db "$TMP/demo.db"
contains audit-verify-altered-msg "$TMP/err" "la entrada 3 fue alterada"
cp "$TMP/demo.db" "$TMP/del.db"
sqlite3 "$TMP/demo.db" "UPDATE audit_log SET actor = (SELECT actor FROM audit_log WHERE seq = 2) WHERE seq = 3"
sqlite3 "$TMP/del.db" "DELETE FROM audit_log WHERE seq = 5"
check audit-verify-removed 1 "$MINKA" audit verify --db "$TMP/del.db"
contains audit-verify-removed-msg "$TMP/err" "la entrada 3"
# plans: export (JSON, CSV, PDF with the fonts embedded) and import (JSON that
# round-trips exactly; CSV in spreadsheet shape; bad files write nothing)
check plan-import-help 0 "$MINKA" import plan --help
contains plan-import-help-map "$TMP/out" "title:KIND"
check export-json 0 "$MINKA" export plan 2 --db "$TMP/demo.db" --out "$TMP/region.json"
contains export-json-format "$TMP/region.json" '"format": "minka.plan"'
check export-csv 0 "$MINKA" export plan 1 --format csv --db "$TMP/demo.db"
contains export-csv-header "$TMP/out" "Código Eje estratégico"
check export-pdf 0 "$MINKA" export plan 1 --db "$TMP/demo.db" --out "$TMP/pdc.pdf"
pdftotext "$TMP/pdc.pdf" "$TMP/pdc.txt" 2>/dev/null
contains export-pdf-accents "$TMP/pdc.txt" "Kuélap"
contains export-pdf-vision "$TMP/pdc.txt" "Visión"
contains export-pdf-tree "$TMP/pdc.txt" "OE3"
contains export-pdf-approval "$TMP/pdc.txt" "Ordenanza Municipal N.° 012-2022-MPCH"
pdffonts "$TMP/pdc.pdf" >"$TMP/fonts.txt" 2>/dev/null
contains export-pdf-embedded "$TMP/fonts.txt" "DejaVuSans.*yes yes yes"
check export-missing 1 "$MINKA" export plan 999 --db "$TMP/demo.db"
contains export-missing-msg "$TMP/err" "No existe el plan número 999"
check export-bad-format 2 "$MINKA" export plan 1 --format docx --db "$TMP/demo.db"
check export-bad-kind 2 "$MINKA" export projects 1 --db "$TMP/demo.db"
check plan-import-no-territory 2 "$MINKA" import plan "$TMP/region.json" --db "$TMP/plain.db"
check plan-import-json 0 "$MINKA" import plan "$TMP/region.json" --territory 01 --db "$TMP/plain.db"
contains plan-import-json-out "$TMP/out" "plan 1 importado: 8 elementos"
check plan-reexport 0 "$MINKA" export plan 1 --db "$TMP/plain.db" --out "$TMP/region2.json"
check plan-round-trip 0 cmp "$TMP/region.json" "$TMP/region2.json"
check plan-import-dup 1 "$MINKA" import plan "$TMP/region.json" --territory 01 --db "$TMP/plain.db"
contains plan-import-dup-msg "$TMP/err" "no se importó nada"
"$MINKA" export plan 3 --db "$TMP/demo.db" --out "$TMP/huancas.json" 2>/dev/null
check plan-import-missing-target 1 "$MINKA" import plan "$TMP/huancas.json" --territory 010108 --db "$TMP/plain.db"
contains plan-import-missing-target-msg "$TMP/err" "que no está en esta instalación"
check plan-import-skip-target 0 "$MINKA" import plan "$TMP/huancas.json" --territory 010108 --skip-missing-targets --db "$TMP/plain.db"
printf 'Línea estratégica,Componente,Programa,Producto / Indicador,Presupuesto\nTurismo,Kuélap,Guías,Guías capacitados,100\n,,,Visitantes,200\n' >"$TMP/hoja.csv"
check plan-import-csv-flags 2 "$MINKA" import plan "$TMP/hoja.csv" --territory 0101 --db "$TMP/plain.db"
check plan-import-csv-unknown 1 "$MINKA" import plan "$TMP/hoja.csv" --territory 0101 --instrument custom --name "Plan de turismo" --title "Hoja" --start 2026 --end 2028 --db "$TMP/plain.db"
contains plan-import-csv-unknown-msg "$TMP/err" "línea 1, columna 5 (Presupuesto): columna desconocida"
check plan-import-csv 0 "$MINKA" import plan "$TMP/hoja.csv" --territory 0101 --instrument custom --name "Plan de turismo" --title "Hoja" --start 2026 --end 2028 --map "Presupuesto=ignore" --db "$TMP/plain.db"
contains plan-import-csv-out "$TMP/out" "5 elementos"
printf 'Eje,Objetivo\nA,B,C\n' >"$TMP/mala.csv"
check plan-import-csv-bad 1 "$MINKA" import plan "$TMP/mala.csv" --territory 0101 --instrument pdc --title "Mala" --start 2026 --end 2030 --db "$TMP/plain.db"
contains plan-import-csv-bad-msg "$TMP/err" "línea 2: 3 campos, pero el encabezado tiene 2"
check plan-count 0 test "$(sqlite3 "$TMP/plain.db" 'SELECT COUNT(*) FROM plan')" = 3
# the project bank: the real Invierte.pe sample, its refusals, all or nothing
check import-projects-help 0 "$MINKA" import projects --help
contains import-projects-help-usage "$TMP/out" "usage: minka import projects FILE.csv"
check import-projects-no-file 2 "$MINKA" import projects --db "$TMP/plain.db"
check import-projects-sample 0 "$MINKA" import projects tests/data/invierte_pe_sample.csv --db "$TMP/plain.db"
contains import-projects-sample-counts "$TMP/out" "proyectos: 38 filas, 29 nuevos, 0 actualizados, 9 ubicaciones más del mismo CUI, 0 rechazadas"
check import-projects-again 0 "$MINKA" import projects tests/data/invierte_pe_sample.csv --db "$TMP/plain.db"
contains import-projects-again-counts "$TMP/out" "0 nuevos, 29 actualizados"
{ head -1 tests/data/invierte_pe_sample.csv; sed -n 2,3p tests/data/invierte_pe_sample.csv;
  echo '9000001,PUENTE,-10.00,ACTIVO,GOBIERNOS LOCALES,X,,2024-01-02,,,,,AMAZONAS,X,X,010101';
  echo '9000002,PUENTE,10.00,ACTIVO,GOBIERNOS LOCALES,X,,2024-01-02,,,,,AMAZONAS,X,X,019999'; } >"$TMP/bad.csv"
check init-plain2 0 "$MINKA" init --db "$TMP/plain2.db" --admin jefa@muni.gob.pe
check import-projects-bad 1 "$MINKA" import projects "$TMP/bad.csv" --db "$TMP/plain2.db"
contains import-projects-bad-line "$TMP/err" "línea 4, columna 3 (monto_viable): monto negativo -10.00"
contains import-projects-bad-ubigeo "$TMP/err" 'línea 5, columna 16 (ubigeo): UBIGEO desconocido "019999"'
contains import-projects-bad-nothing "$TMP/err" "se rechazaron 2 de 4 filas; no se importó nada"
check import-projects-nothing-written 0 test "$(sqlite3 "$TMP/plain2.db" 'SELECT COUNT(*) FROM project')" = 0
check import-projects-skip 0 "$MINKA" import projects "$TMP/bad.csv" --skip-rejected --db "$TMP/plain2.db"
contains import-projects-skip-counts "$TMP/out" "2 nuevos"
printf '%%PDF-1.4\n\xff\xfe\x00binary\n' >"$TMP/acta.pdf"
check import-projects-not-csv 1 "$MINKA" import projects "$TMP/acta.pdf" --db "$TMP/plain3.db"
contains import-projects-not-csv-msg "$TMP/err" "acta.pdf"
check import-projects-missing 1 "$MINKA" import projects "$TMP/none.csv" --db "$TMP/plain3.db"
check demo-has-real-projects 0 test "$(sqlite3 "$TMP/demo.db" "SELECT COUNT(*) FROM project WHERE origin = 'import'")" -gt 2000
# monitoring: MINAM's district indicators (real rows), their refusals, all or nothing
check import-measurements-help 0 "$MINKA" import measurements --help
contains import-measurements-help-usage "$TMP/out" "usage: minka import measurements DIR"
check import-measurements-no-dir 2 "$MINKA" import measurements --db "$TMP/plain.db"
check import-measurements-missing 1 "$MINKA" import measurements "$TMP/none" --db "$TMP/plain.db"
contains import-measurements-missing-msg "$TMP/err" "minam_residuos_poblacion_distrital_2019_2023.csv"
mkdir -p "$TMP/minam" "$TMP/minam-bad"
cp tests/data/minam_sample.csv "$TMP/minam/minam_residuos_poblacion_distrital_2019_2023.csv"
{ head -3 tests/data/minam_sample.csv; echo '2020,019999,SELVA,AMAZONAS,X,X,10,5,5,1.00,0.0,20241212';
  echo '2021,010108,SIERRA,AMAZONAS,X,X,muchos,5,5,1.00,0.0,20241212'; } >"$TMP/minam-bad/minam_residuos_poblacion_distrital_2019_2023.csv"
check import-measurements-bad 1 "$MINKA" import measurements "$TMP/minam-bad" --db "$TMP/plain.db"
contains import-measurements-bad-ubigeo "$TMP/err" "línea 4, columna ubigeo: ningún distrito tiene el código 019999"
contains import-measurements-bad-number "$TMP/err" 'línea 5, columna pob_total: "muchos" no es un número entero'
contains import-measurements-bad-nothing "$TMP/err" "no se importó nada"
check import-measurements-nothing-written 0 test "$(sqlite3 "$TMP/plain.db" 'SELECT COUNT(*) FROM indicator')" = 0
check import-measurements 0 "$MINKA" import measurements "$TMP/minam" --db "$TMP/plain.db"
contains import-measurements-counts "$TMP/out" "mediciones: 15 filas, 3 distritos, 15 indicadores nuevos, 75 valores escritos"
check import-measurements-again 0 "$MINKA" import measurements "$TMP/minam" --db "$TMP/plain.db"
contains import-measurements-again-counts "$TMP/out" "0 indicadores nuevos"
check import-measurements-rate 0 test "$(sqlite3 "$TMP/plain.db" "SELECT m.value FROM measurement m JOIN indicator i ON i.id = m.indicator_id WHERE i.source_key = 'minam.tasa_valorizacion:010101' AND m.period = '2019'")" = 142
check demo-has-real-indicators 0 test "$(sqlite3 "$TMP/demo.db" "SELECT COUNT(*) FROM indicator WHERE series IS NOT NULL")" = 420
check demo-has-own-indicators 0 test "$(sqlite3 "$TMP/demo.db" "SELECT COUNT(*) FROM indicator WHERE series IS NULL")" = 10
check bad-db 1 "$MINKA" init --db /nonexistent/dir/x.db
contains bad-db-msg "$TMP/err" "/nonexistent/dir/x.db"
# a whole participatory budget in and out (a real Pabulib election)
SHARED=$(cd "$(dirname "$0")/../../../shared/data" 2>/dev/null && pwd)
WARSAW=$SHARED/pabulib-official/Poland_Warszawa_2017_CentrumWola_GrzybowskaGroszowka.pb
check pb-import-usage 2 "$MINKA" pb import "$WARSAW" --db "$TMP/demo.db"
check pb-import-bad-year 2 "$MINKA" pb import "$WARSAW" --government 0101 --year 17 --db "$TMP/demo.db"
check pb-import-not-pb 1 "$MINKA" pb import /etc/hostname --government 0101 --year 2017 --db "$TMP/demo.db"
if [ -f "$WARSAW" ]; then
	check pb-import 0 "$MINKA" pb import "$WARSAW" --government 0101 --year 2017 --db "$TMP/demo.db"
	contains pb-import-out "$TMP/out" "18 propuestas, 404 cédulas"
	pid=$(grep -Eo 'participativo [0-9]+' "$TMP/out" | grep -Eo '[0-9]+')
	check pb-import-twice 1 "$MINKA" pb import "$WARSAW" --government 0101 --year 2017 --db "$TMP/demo.db"
	contains pb-import-twice-msg "$TMP/err" "ya tiene un presupuesto participativo para 2017"
	check pb-export 0 "$MINKA" pb export "$pid" --db "$TMP/demo.db" --out "$TMP/w.pb"
	check pb-export-reads 0 "$MINKA" pb check "$TMP/w.pb"
	contains pb-export-voters "$TMP/out" "404 votantes"
	check pb-export-stdout 0 "$MINKA" pb export "$pid" --db "$TMP/demo.db"
	contains pb-export-meta "$TMP/out" "vote_type;approval"
else
	echo "  (skipped: $WARSAW not found)"
fi
check pb-export-missing 1 "$MINKA" pb export 999 --db "$TMP/demo.db"
contains pb-export-missing-msg "$TMP/err" "No hay presupuesto participativo con el número 999"
check pb-export-usage 2 "$MINKA" pb export x --db "$TMP/demo.db"
# migrate and copy on SQLite (tests/cli/test_pg.sh does PostgreSQL)
check migrate 0 "$MINKA" migrate --db "$TMP/demo.db"
contains migrate-out "$TMP/out" "(sqlite): "
check copy 0 "$MINKA" copy --from "$TMP/demo.db" --to "$TMP/copy.db"
contains copy-match "$TMP/out" "las sumas de verificación coinciden"
contains copy-table "$TMP/out" "government"
check copy-refuses-used-target 1 "$MINKA" copy --from "$TMP/demo.db" --to "$TMP/copy.db"
check copy-replace 0 "$MINKA" copy --from "$TMP/demo.db" --to "$TMP/copy.db" --replace
check copy-needs-both 2 "$MINKA" copy --to "$TMP/copy.db"
check copy-bad-source 1 "$MINKA" copy --from /nonexistent/x.db --to "$TMP/copy2.db"
check pg-unreachable 1 "$MINKA" migrate --db "postgres://minka@127.0.0.1:1/minka"
contains pg-unreachable-msg "$TMP/err" "no se puede conectar a la base de datos"
# a server that cannot bind reports it and exits 1
"$MINKA" serve --db "$TMP/demo.db" --port 18931 >/dev/null 2>&1 &
pid=$!
sleep 1
check port-in-use 1 "$MINKA" serve --db "$TMP/demo.db" --port 18931
check healthz 0 bash -c "exec 3<>/dev/tcp/127.0.0.1/18931 && printf 'GET /healthz HTTP/1.0\r\n\r\n' >&3 && grep -q '\"status\":\"ok\"' <&3"
kill -TERM "$pid" 2>/dev/null; wait "$pid"; st=$?
check serve-stops-cleanly-on-sigterm 0 test "$st" = 0
# socket activation (deploy/minka@.socket): the server takes the socket it is given
if command -v systemd-socket-activate >/dev/null 2>&1; then
	systemd-socket-activate -l 127.0.0.1:18932 "$MINKA" serve --db "$TMP/demo.db" --port 1 --behind-tls --behind-proxy >/dev/null 2>&1 &
	pid=$!
	sleep 1
	check socket-activation 0 bash -c "exec 3<>/dev/tcp/127.0.0.1/18932 && printf 'GET /healthz HTTP/1.0\r\n\r\n' >&3 && grep -q '\"status\":\"ok\"' <&3"
	kill -TERM "$pid" 2>/dev/null; wait "$pid"
fi
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
