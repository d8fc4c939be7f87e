#!/usr/bin/env python3
"""The operator's routine as a reference: 344н scores from the campaign's CSV files with pandas.

Follows the YAML configs (read with PyYAML, every scalar a string), not a copy of the formulas: the
region's policies (zero_denominator, rounding, decimals, minimum_sample, regional_index), the
methodology's criteria, each sector's questionnaire filters, check-lists, indicator formulas
(share, checklist_points, checklist_ratio, weighted_sum, mean) and criterion weights, the criteria a
type or kind applies, and the extra criteria beside the total. Written from /work/shared/methodology.md
(through the configs), not from OpenNOK's Swift code. Reads only what Scripts/bench/generate writes:
UTF-8, comma-separated (the delimiter and encoding detection of the real import is not repeated).

Usage:
  score_pandas.py --data DIR [--config-dir Configs] [--out scores.csv]
  score_pandas.py --data DIR --compare-json opennok.json     # every indicator, criterion, total
  score_pandas.py --data DIR --compare-csv rankings.csv      # criteria, total, extras, sample
Exit status 1 when OpenNOK and this script disagree at 2 decimals anywhere.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import pandas as pd
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
YES = {"да", "yes", "1"}
NO = {"нет", "no", "0"}
PRESENT = {"1", "да", "есть", "yes"}
ABSENT = {"0", "нет", "no"}
NOT_APPLICABLE = {"-", "н/п", "неприм"}


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.BaseLoader)


class Config:
    def __init__(self, directory):
        region = load_yaml(os.path.join(directory, "region.yaml"))
        policies = region.get("policies", {})
        self.zero = policies.get("zero_denominator", "zero")
        self.each_step = policies.get("rounding", "each_step") == "each_step"
        self.decimals = int(policies.get("decimals", "2"))
        sample = policies.get("minimum_sample", {})
        self.sample_share = float(sample.get("share_of_recipients", "0.4"))
        self.sample_max = int(sample.get("maximum", "600"))
        if policies.get("branches", "separate") != "separate":
            sys.exit("score_pandas: поддержано только branches: separate")
        methodology = load_yaml(os.path.join(directory, "methodology", region["methodology"] + ".yaml"))
        self.criteria = [c["id"] for c in methodology["criteria"]]
        index = region.get("regional_index")
        self.regional_index = None
        if index:
            self.regional_index = (float(index["federal_weight"]),
                                   {k: float(v) for k, v in index.get("extra_weights", {}).items()})
        self.extras = []
        for extra_id in region.get("extra_criteria", []):
            extra = load_yaml(os.path.join(directory, "extra-criteria", extra_id + ".yaml"))
            self.extras.append(extra)
        self.sectors = {}
        for sector in sorted(os.listdir(os.path.join(directory, "sectors"))):
            folder = os.path.join(directory, "sectors", sector)
            definition = load_yaml(os.path.join(folder, "sector.yaml"))
            indicators = load_yaml(os.path.join(folder, "indicators.yaml"))
            extras = [e for e in self.extras if sector in e.get("sectors", [])]
            questions = load_yaml(os.path.join(folder, "questionnaire.yaml"))["questions"]
            checklists = load_yaml(os.path.join(folder, "checklists.yaml"))["checklists"]
            self.sectors[sector] = {
                "questions": questions + [q for e in extras for q in e.get("questions", [])],
                "checklists": {c["id"]: [i["id"] for i in c["items"]]
                               for c in checklists + [c for e in extras for c in e.get("checklists", [])]},
                "indicators": {i["id"]: i["value"] for i in indicators["indicators"]},
                "weights": {c["id"]: {k: float(v) for k, v in c["weights"].items()} for c in indicators["criteria"]},
                "applied": self.applied_criteria(definition),
                "extras": extras,
            }

    @staticmethod
    def applied_criteria(definition):
        """(type, kind) → criteria; a kind's list overrides its type's; None = all of the methodology."""
        applied = {}
        for type_ in definition.get("types", []):
            applied[(type_["id"], "")] = type_.get("criteria")
            for kind in type_.get("kinds", []):
                applied[(type_["id"], kind["id"])] = kind.get("criteria", type_.get("criteria"))
        return applied


def round_half_up(values, decimals):
    """Half-up on the decimal value as written (1.005 → 1.01); the epsilon absorbs binary noise."""
    scale = 10 ** decimals
    return np.floor(values * scale + 0.5 + 1e-7) / scale


def normalise_yes_no(column):
    """A categorical answer column → int8: 1 yes, 0 no, -1 blank (or anything else)."""
    categories = column.cat.categories
    lookup = np.array([1 if str(c).strip().lower() in YES else 0 if str(c).strip().lower() in NO else -1
                       for c in categories] + [-1], dtype=np.int8)
    return lookup[column.cat.codes.to_numpy()]


class Scorer:
    def __init__(self, config, data_dir):
        self.config = config
        self.timings = {}
        started = time.perf_counter()
        self.orgs = pd.read_csv(os.path.join(data_dir, "organizations.csv"), dtype=str, keep_default_na=False)
        self.orgs = self.orgs.set_index("id")
        marks = pd.read_csv(os.path.join(data_dir, "checklists.csv"), dtype="category", keep_default_na=False)
        columns = ["organization_id"] + sorted({q["id"] for s in config.sectors.values() for q in s["questions"]
                                                if q["answer"] == "yes_no"})
        header = pd.read_csv(os.path.join(data_dir, "responses.csv"), nrows=0).columns
        responses = pd.read_csv(os.path.join(data_dir, "responses.csv"), dtype="category", keep_default_na=False,
                                usecols=[c for c in columns if c in header])
        self.timings["read"] = time.perf_counter() - started
        started = time.perf_counter()
        self.tallies = self.tally(responses)
        self.marks = self.count_marks(marks)
        self.timings["aggregate"] = time.perf_counter() - started

    def tally(self, responses):
        """Per organisation: respondents, and per question answered / yes among those asked (filters applied)."""
        org_codes = self.orgs.index.get_indexer(responses["organization_id"].astype(str))
        if (org_codes < 0).any():
            sys.exit("score_pandas: в responses.csv есть организации, которых нет в organizations.csv")
        sectors = self.orgs["sector"].to_numpy()[org_codes]
        frame = {"org": org_codes}
        values = {c: normalise_yes_no(responses[c]) for c in responses.columns if c != "organization_id"}
        for sector, definition in self.config.sectors.items():
            rows = sectors == sector
            asked = {}
            for question in definition["questions"]:
                if question["answer"] != "yes_no":
                    continue
                qid = question["id"]
                value = values.get(qid, np.full(len(org_codes), -1, dtype=np.int8))
                condition = question.get("asked_if")
                if condition:
                    wanted = 1 if condition["answer"] == "yes" else 0
                    asked[qid] = asked[condition["question"]] & (values[condition["question"]] == wanted)
                else:
                    asked[qid] = np.ones(len(org_codes), dtype=bool)
                answered = rows & asked[qid] & (value >= 0)
                frame.setdefault(qid + ":answered", np.zeros(len(org_codes), dtype=bool))
                frame.setdefault(qid + ":yes", np.zeros(len(org_codes), dtype=bool))
                frame[qid + ":answered"] = frame[qid + ":answered"] | answered
                frame[qid + ":yes"] = frame[qid + ":yes"] | (answered & (value == 1))
        table = pd.DataFrame(frame)
        table["respondents"] = 1
        tallies = table.groupby("org").sum()
        tallies.index = self.orgs.index[tallies.index]
        return tallies.reindex(self.orgs.index, fill_value=0)

    def count_marks(self, marks):
        """(organisation, check-list) → present and not-applicable counts of the config's items."""
        value = marks["value"].astype(str).str.strip().str.lower()
        marks = marks.assign(present=value.isin(PRESENT), na=value.isin(NOT_APPLICABLE))
        counted = marks.groupby(["organization_id", "checklist"], observed=True)[["present", "na"]].sum()
        return counted

    # --- formulas, evaluated for all organisations of one sector at once ---

    def evaluate(self, formula, ids, definition):
        """(values, hit_zero_denominator) as float arrays over `ids`; NaN = excluded (policy `exclude`)."""
        kind, body = next(iter(formula.items()))
        if kind == "share":
            if body.get("positive", ["yes"]) != ["yes"]:
                sys.exit(f"score_pandas: доля по ответам {body['positive']} не поддержана")
            answered = self.tallies.loc[ids, body["question"] + ":answered"].to_numpy(dtype=float)
            yes = self.tallies.loc[ids, body["question"] + ":yes"].to_numpy(dtype=float)
            return self.guarded(yes, answered)
        if kind == "checklist_points":
            present, _ = self.list_counts(ids, body["checklist"])
            value = np.minimum(present * float(body["points_per_item"]), float(body["cap"]))
            return value, np.zeros(len(ids), dtype=bool)
        if kind == "checklist_ratio":
            parts = []
            for checklist in body:
                present, na = self.list_counts(ids, checklist)
                parts.append((1.0, self.guarded(present, len(definition["checklists"][checklist]) - na)))
            return self.weighted(parts)
        if kind in ("weighted_sum", "mean"):
            terms = [(float(t["weight"]), t["value"]) if kind == "weighted_sum" else (1.0, t) for t in body]
            return self.weighted([(w, self.evaluate(f, ids, definition)) for w, f in terms])
        sys.exit(f"score_pandas: вид показателя «{kind}» не поддержан")

    def list_counts(self, ids, checklist):
        try:
            counts = self.marks.xs(checklist, level="checklist")
        except KeyError:
            return np.zeros(len(ids)), np.zeros(len(ids))
        counts = counts.reindex(ids, fill_value=0)
        return counts["present"].to_numpy(dtype=float), counts["na"].to_numpy(dtype=float)

    def guarded(self, numerator, denominator):
        zero = denominator == 0
        with np.errstate(divide="ignore", invalid="ignore"):
            value = 100.0 * numerator / np.where(zero, 1, denominator)
        fill = {"zero": 0.0, "full": 100.0, "exclude": np.nan}[self.config.zero]
        return np.where(zero, fill, value), zero

    @staticmethod
    def weighted(parts):
        """Weighted mean of parts; excluded (NaN) parts drop out and the remaining weights are rescaled."""
        total = np.zeros(len(parts[0][1][0]))
        used = np.zeros(len(total))
        hit = np.zeros(len(total), dtype=bool)
        for weight, (value, zero) in parts:
            present = ~np.isnan(value)
            total += np.where(present, weight * np.nan_to_num(value), 0.0)
            used += np.where(present, weight, 0.0)
            hit |= zero
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(used > 0, total / np.where(used > 0, used, 1), np.nan), hit

    def step(self, values):
        return round_half_up(values, self.config.decimals) if self.config.each_step else values

    def score(self):
        started = time.perf_counter()
        frames = []
        for sector, definition in self.config.sectors.items():
            orgs = self.orgs[self.orgs["sector"] == sector]
            if orgs.empty:
                continue
            ids = orgs.index
            result = pd.DataFrame(index=ids)
            result["sector"] = sector
            applied = [definition["applied"].get((t, k), definition["applied"].get((t, ""))) or self.config.criteria
                       for t, k in zip(orgs["type"], orgs["kind"])]
            criterion_values = []
            for criterion in self.config.criteria:
                parts = []
                for indicator, weight in definition["weights"].get(criterion, {}).items():
                    value = self.step(self.evaluate(definition["indicators"][indicator], ids, definition)[0])
                    result[indicator] = value
                    parts.append((weight, (value, np.zeros(len(ids), dtype=bool))))
                value = self.step(self.weighted(parts)[0]) if parts else np.full(len(ids), np.nan)
                mask = np.array([criterion in a for a in applied])
                value = np.where(mask, value, np.nan)
                result[criterion] = value
                criterion_values.append(value)
            stacked = np.vstack(criterion_values)
            counted = (~np.isnan(stacked)).sum(axis=0)
            with np.errstate(invalid="ignore"):
                total = np.where(counted > 0, np.nansum(stacked, axis=0) / np.maximum(counted, 1), np.nan)
            result["total"] = round_half_up(total, self.config.decimals)
            extras = {}
            for extra in definition["extras"]:
                parts = []
                for indicator in extra["indicators"]:
                    value = self.step(self.evaluate(indicator["value"], ids, definition)[0])
                    result[f"{extra['id']}:{indicator['id']}"] = value
                    parts.append((float(extra["weights"][indicator["id"]]), (value, np.zeros(len(ids), dtype=bool))))
                extras[extra["id"]] = self.step(self.weighted(parts)[0])
                result["extra:" + extra["id"]] = extras[extra["id"]]
            if self.config.regional_index:
                federal, weights = self.config.regional_index
                index = federal * result["total"].to_numpy()
                for extra_id, weight in weights.items():
                    index = index + weight * extras.get(extra_id, np.full(len(ids), np.nan))
                result["regional_index"] = round_half_up(index, self.config.decimals)
            result["respondents"] = self.tallies.loc[ids, "respondents"].to_numpy()
            recipients = pd.to_numeric(orgs["recipients"], errors="coerce").to_numpy()
            required = np.minimum(np.ceil(recipients * self.config.sample_share - 1e-9), self.config.sample_max)
            result["sample_required"] = required
            result["sample_status"] = np.where(np.isnan(recipients), "unknown",
                                               np.where(result["respondents"] >= required, "sufficient", "insufficient"))
            frames.append(result)
        self.timings["score"] = time.perf_counter() - started
        return pd.concat(frames)


# --- comparison with OpenNOK ---

def same(ours, theirs):
    if ours is None or (isinstance(ours, float) and math.isnan(ours)):
        return theirs is None
    return theirs is not None and round(float(ours), 2) == round(float(theirs), 2)


def show(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{float(value):.2f}"


def compare_json(scores, path):
    with open(path, encoding="utf-8") as handle:
        opennok = json.load(handle)
    problems, checked = [], 0
    seen = set()
    for entry in opennok:
        oid = entry["organization"]["id"]
        seen.add(oid)
        if oid not in scores.index:
            problems.append(f"{oid}: есть у OpenNOK, нет в расчёте pandas")
            continue
        row = scores.loc[oid]
        fields = [(i["id"], i.get("value")) for i in entry["indicators"]]
        fields += [(c["id"], c.get("value")) for c in entry["criteria"]]
        fields += [("total", entry.get("total")), ("regional_index", entry.get("regionalIndex"))]
        for extra in entry.get("extra", []):
            fields.append(("extra:" + extra["id"], extra.get("value")))
            fields += [(f"{extra['id']}:{i['id']}", i.get("value")) for i in extra["indicators"]]
        fields.append(("respondents", entry["respondents"]))
        for field, theirs in fields:
            checked += 1
            ours = row.get(field)
            if not same(ours, theirs):
                problems.append(f"{oid} ({row['sector']}): {field}: pandas {show(ours)}, OpenNOK {show(theirs)}")
    for oid in scores.index.difference(list(seen)):
        problems.append(f"{oid}: есть в расчёте pandas, нет у OpenNOK")
    return problems, checked, len(seen)


def compare_csv(scores, path):
    opennok = pd.read_csv(path, dtype=str, keep_default_na=False)
    problems, checked = [], 0
    numeric = [c for c in opennok.columns if c in scores.columns and c not in ("sector",)]
    for _, entry in opennok.iterrows():
        oid = entry["organization_id"]
        if oid not in scores.index:
            problems.append(f"{oid}: есть у OpenNOK, нет в расчёте pandas")
            continue
        row = scores.loc[oid]
        for field in numeric:
            checked += 1
            theirs = entry[field]
            ours = row[field]
            if field == "sample_status":
                ok = ours == theirs
            else:
                ok = same(ours, float(theirs) if theirs != "" else None)
            if not ok:
                problems.append(f"{oid} ({row['sector']}): {field}: pandas {ours if field == 'sample_status' else show(ours)}, "
                                f"OpenNOK {theirs or '—'}")
    missing = scores.index.difference(opennok["organization_id"])
    problems += [f"{oid}: есть в расчёте pandas, нет у OpenNOK" for oid in missing]
    return problems, checked, len(opennok)


def main():
    parser = argparse.ArgumentParser(description="Эталонный расчёт 344н на pandas и сверка с OpenNOK.")
    parser.add_argument("--data", required=True, help="папка с organizations.csv, checklists.csv, responses.csv")
    parser.add_argument("--config-dir", default=os.path.join(ROOT, "Configs"))
    parser.add_argument("--out", help="записать результаты pandas в CSV")
    parser.add_argument("--compare-json", help="JSON OpenNOK (nok-report rankings --format json)")
    parser.add_argument("--compare-csv", help="CSV OpenNOK (nok-report rankings --format csv)")
    parser.add_argument("--timings", action="store_true", help="вывести время этапов в stderr")
    args = parser.parse_args()

    started = time.perf_counter()
    scorer = Scorer(Config(args.config_dir), args.data)
    scores = scorer.score()
    scorer.timings["total"] = time.perf_counter() - started
    if args.timings:
        print(" ".join(f"{k}={v:.3f}s" for k, v in scorer.timings.items()), file=sys.stderr)
    if args.out:
        scores.to_csv(args.out, index_label="organization_id", float_format="%.2f")
    failed = False
    for path, compare in ((args.compare_json, compare_json), (args.compare_csv, compare_csv)):
        if not path:
            continue
        problems, checked, organizations = compare(scores, path)
        if problems:
            failed = True
            print(f"Расхождения pandas и OpenNOK ({os.path.basename(path)}): {len(problems)} из {checked} значений", file=sys.stderr)
            for line in problems[:50]:
                print("  " + line, file=sys.stderr)
            if len(problems) > 50:
                print(f"  … и ещё {len(problems) - 50}", file=sys.stderr)
        else:
            print(f"Совпадает до 2 знаков: {checked} значений по {organizations} организациям ({os.path.basename(path)})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
