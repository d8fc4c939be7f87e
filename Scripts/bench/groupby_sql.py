#!/usr/bin/env python3
"""Prints the raw-SQL reference: ONE GROUP BY over the plain `responses` table that `sqlite3 .import`
made, counting per organisation what the survey indicators need (answered and «yes» for every yes/no
question, a filtered question only where its filter was answered as required).

No validation, no normalisation beyond a fixed list of spellings: the lower bound of what a database
can do with the same file. Question ids and filters come from the questionnaires (PyYAML).
Usage: groupby_sql.py RESPONSES_CSV [--config-dir Configs]
"""
import argparse
import csv
import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
YES = "('да', 'Да', 'ДА', 'yes', 'Yes', '1')"
NO = "('нет', 'Нет', 'НЕТ', 'no', 'No', '0')"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("responses")
    parser.add_argument("--config-dir", default=os.path.join(ROOT, "Configs"))
    args = parser.parse_args()
    with open(args.responses, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    filters = {}
    yes_no = []
    for sector in sorted(os.listdir(os.path.join(args.config_dir, "sectors"))):
        path = os.path.join(args.config_dir, "sectors", sector, "questionnaire.yaml")
        with open(path, encoding="utf-8") as handle:
            for question in yaml.load(handle, Loader=yaml.BaseLoader)["questions"]:
                if question["answer"] == "yes_no" and question["id"] in header and question["id"] not in yes_no:
                    yes_no.append(question["id"])
                    if "asked_if" in question:
                        filters[question["id"]] = question["asked_if"]
    columns = ["organization_id", "count(*) AS respondents"]
    for qid in yes_no:
        asked = ""
        if qid in filters:
            parent = filters[qid]["question"]
            asked = f"trim(\"{parent}\") IN {YES if filters[qid]['answer'] == 'yes' else NO} AND "
        columns.append(f"sum({asked}trim(\"{qid}\") IN {YES}) AS \"{qid}_yes\"")
        columns.append(f"sum({asked}(trim(\"{qid}\") IN {YES} OR trim(\"{qid}\") IN {NO})) AS \"{qid}_answered\"")
    print("SELECT " + ",\n  ".join(columns) + "\nFROM responses GROUP BY organization_id;")


if __name__ == "__main__":
    main()
