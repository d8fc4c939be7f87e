#!/usr/bin/env bash
# The main job on the embedded demo municipality: validate the configs, score the demo campaign
# from its CSV files (rankings, one organisation card), then the same year in SQLite: registry,
# campaign, imports, rankings from the database, approval with a content hash, verification.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh

swift build -c release --product nok-admin >&2
swift build -c release --product nok-report >&2
bin=$(swift build -c release --show-bin-path)

"$bin/nok-admin" config validate --config-dir Configs
echo
"$bin/nok-report" rankings --config-dir Configs --data Configs/demo
echo
"$bin/nok-report" rankings --config-dir Configs --data Configs/demo --by type --sector culture
echo
first=$(awk -F, 'NR==2 {print $1}' Configs/demo/organizations.csv)
"$bin/nok-report" card --config-dir Configs --data Configs/demo --org "$first"
echo
# The registry in a fresh SQLite database (kept under .build so a rerun starts clean).
db=.build/demo/opennok.sqlite
rm -rf .build/demo && mkdir -p .build/demo
"$bin/nok-admin" init --database "$db"
"$bin/nok-admin" registry import Configs/demo/organizations.csv --database "$db" --actor "Демо"
"$bin/nok-admin" registry list --database "$db" | tail -n 1
"$bin/nok-admin" campaign create --id 2025 --year 2025 --sectors culture education social-services --plan kaspiysk --database "$db"
"$bin/nok-admin" campaign done --campaign 2025 --stage 1 --on 2025-03-28 --evidence "Постановление администрации № 112 от 28.03.2025" --database "$db"
# The public council: members, a meeting, its decision on the plan's stage 2 (the list of institutions).
"$bin/nok-admin" council add-member --name "Петров Иван Иванович" --role председатель --database "$db" --actor "Демо"
"$bin/nok-admin" council add-member --name "Сидорова Анна Викторовна" --role секретарь --database "$db" --actor "Демо"
"$bin/nok-admin" council add-meeting --campaign 2025 --on 2025-04-02 --agenda "Перечень организаций и техническое задание оператору" --database "$db" --actor "Демо"
"$bin/nok-admin" council add-decision --meeting 1 --subject institutions --text "Утвердить перечень организаций для оценки в 2025 году" \
  --document "Протокол № 1 от 02.04.2025" --stage 2 --database "$db" --actor "Демо"
"$bin/nok-admin" campaign operator --campaign 2025 --name "ООО «Центр социологических исследований»" --inn 7707083893 \
  --contract "Муниципальный контракт № 15 от 10.04.2025" --terms "Протокол совета № 1 от 02.04.2025" --database "$db" --actor "Демо"
"$bin/nok-admin" campaign stages --campaign 2025 --today 2025-04-10 --attention --database "$db"
"$bin/nok-admin" import checklists --campaign 2025 Configs/demo/checklists.csv --database "$db"
"$bin/nok-admin" import responses --campaign 2025 Configs/demo/responses.csv --database "$db"
"$bin/nok-admin" sample --campaign 2025 --short --database "$db"
"$bin/nok-report" rankings --campaign 2025 --database "$db" --by type --sector education
"$bin/nok-admin" score --campaign 2025 --database "$db" --actor "Демо"
# Two demo institutions are short of the minimum sample: the council approves knowingly (--force).
"$bin/nok-admin" approve --campaign 2025 --decision "Протокол заседания общественного совета № 5 от 01.12.2025" --force --database "$db" --actor "Демо"
"$bin/nok-admin" verify --campaign 2025 --database "$db"
"$bin/nok-admin" plan draft --campaign 2025 --database "$db" --output .build/demo/plan.csv
# Institutions fill in dates and the responsible: half the measures are due in March, half in September 2026.
sed -i -e '2~2s/;;;;;;\r$/;2026-03-01;Иванова Анна Петровна;директор;;;\r/' -e '3~2s/;;;;;;\r$/;2026-09-01;Смирнов Олег Ильич;заместитель директора;;;\r/' \
  .build/demo/plan.csv
"$bin/nok-admin" plan import --campaign 2025 .build/demo/plan.csv --database "$db"
"$bin/nok-admin" plan done --id 1 --on 2026-02-20 --implemented "Контакты размещены на стенде" --evidence "фото стенда" --database "$db" --actor "Демо"
"$bin/nok-admin" council visit --campaign 2025 --org cul-01 --on 2026-04-15 --members "Петров И. И., Сидорова А. В." \
  --findings "Стенд обновлён; кнопка вызова персонала у входа не работает" --document "Акт посещения № 1" --database "$db" --actor "Демо"
"$bin/nok-admin" plan list --campaign 2025 --overdue --today 2026-04-01 --database "$db" | tail -n 1
# Reports officials open and the public reads: the XLSX workbook, the static site, the bus.gov.ru export.
"$bin/nok-report" rankings --campaign 2025 --database "$db" --format xlsx --output .build/demo/results.xlsx
"$bin/nok-report" site --campaign 2025 --database "$db" --output .build/demo/site
"$bin/nok-report" busgov --campaign 2025 --database "$db" --format xml --output .build/demo/busgov.xml
# Where the campaign stands, and the documents its last stages need (decree draft, plans in the 457 form).
"$bin/nok-report" dashboard --campaign 2025 --today 2025-12-15 --database "$db" --output .build/demo/dashboard.md
"$bin/nok-report" document decree --campaign 2025 --database "$db" --output .build/demo/decree.docx
"$bin/nok-report" document improvement-plan --campaign 2025 --database "$db" --format html --output .build/demo/plans-457.html
