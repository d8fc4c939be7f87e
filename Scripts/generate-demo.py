#!/usr/bin/env python3
"""Writes the demo municipality's CSV files (Configs/demo) from the sector configs, deterministically.

Needs Python 3 and PyYAML. The same seed gives the same bytes: run it twice and diff.
Usage: Scripts/generate-demo.py [--seed N] [--out Configs/demo]
"""
import argparse
import csv
import os
import random

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTORS = ["culture", "education", "social-services"]
CHANNELS = [("web", 0.5), ("paper", 0.3), ("interview", 0.12), ("phone", 0.08)]
FOUNDERS = {
    "culture": "Управление культуры администрации Демонстрационного муниципального округа",
    "education": "Управление образования администрации Демонстрационного муниципального округа",
    "social-services": "Министерство социальной защиты населения области",
}

# id, name, short name, sector, type, kind, parent, recipients per year, quality (0..1)
ORGANIZATIONS = [
    ("cul-01", "Муниципальное бюджетное учреждение культуры «Централизованная библиотечная система»", "МБУК «ЦБС»", "culture", "library", "central_library", "", 420, 0.93),
    ("cul-02", "Детская библиотека им. А. П. Гайдара — филиал МБУК «ЦБС»", "Детская библиотека им. Гайдара", "culture", "library", "childrens_library", "cul-01", 180, 0.90),
    ("cul-03", "Сельская библиотека села Луговое — филиал МБУК «ЦБС»", "Библиотека с. Луговое", "culture", "library", "rural_library", "cul-01", 60, 0.78),
    ("cul-04", "Муниципальное бюджетное учреждение культуры «Краеведческий музей»", "Краеведческий музей", "culture", "museum", "local_history_museum", "", 350, 0.95),
    ("cul-05", "Муниципальное бюджетное учреждение культуры «Дворец культуры «Юбилейный»", "ДК «Юбилейный»", "culture", "culture_house", "palace_of_culture", "", 300, 0.88),
    ("cul-06", "Муниципальное казённое учреждение культуры «Сельский дом культуры с. Заречное»", "СДК с. Заречное", "culture", "culture_house", "house_of_culture", "", 90, 0.72),
    ("cul-07", "Муниципальное бюджетное учреждение культуры «Центр культурного развития «Радуга»", "ЦКР «Радуга»", "culture", "culture_house", "cultural_development_centre", "", 240, 0.91),
    ("cul-08", "Муниципальное автономное учреждение культуры «Драматический театр им. А. Н. Островского»", "Драмтеатр им. Островского", "culture", "theatre", "drama_theatre", "", 400, 0.94),
    ("cul-09", "Муниципальное бюджетное учреждение культуры «Городской парк культуры и отдыха»", "Парк культуры и отдыха", "culture", "park", "culture_park", "", 500, 0.85),
    ("cul-10", "Муниципальное бюджетное учреждение культуры «Кинотеатр «Октябрь»", "Кинотеатр «Октябрь»", "culture", "cinema", "cinema", "", 260, 0.89),
    ("cul-11", "Муниципальное казённое учреждение культуры «Сельский клуб д. Берёзовка»", "СК д. Берёзовка", "culture", "culture_house", "rural_club", "", 40, 0.80),
    ("cul-12", "Муниципальное бюджетное учреждение культуры «Выставочный зал»", "Выставочный зал", "culture", "museum", "exhibition_hall", "", 150, 0.92),
    ("edu-01", "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 1 «Солнышко»", "Детский сад № 1 «Солнышко»", "education", "preschool", "kindergarten", "", 160, 0.96),
    ("edu-02", "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 5 «Ромашка»", "Детский сад № 5 «Ромашка»", "education", "preschool", "kindergarten", "", 140, 0.87),
    ("edu-03", "Муниципальное автономное дошкольное образовательное учреждение «Центр развития ребёнка — детский сад № 12»", "ЦРР — детский сад № 12", "education", "preschool", "child_development_centre", "", 220, 0.93),
    ("edu-04", "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»", "СОШ № 1", "education", "general_school", "secondary_school", "", 380, 0.90),
    ("edu-05", "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 3»", "СОШ № 3", "education", "general_school", "secondary_school", "", 420, 0.84),
    ("edu-06", "Муниципальное автономное общеобразовательное учреждение «Гимназия № 2»", "Гимназия № 2", "education", "general_school", "gymnasium", "", 450, 0.95),
    ("edu-07", "Муниципальное казённое общеобразовательное учреждение «Основная общеобразовательная школа с. Заречное»", "ООШ с. Заречное", "education", "general_school", "basic_school", "", 70, 0.76),
    ("edu-08", "Муниципальное бюджетное учреждение дополнительного образования «Дом детского творчества»", "ДДТ", "education", "additional_education", "house_of_childrens_creativity", "", 320, 0.92),
    ("edu-09", "Муниципальное бюджетное учреждение дополнительного образования «Детская школа искусств»", "ДШИ", "education", "additional_education", "childrens_art_school", "", 200, 0.94),
    ("edu-10", "Муниципальное бюджетное учреждение дополнительного образования «Станция юных техников»", "СЮТ", "education", "additional_education", "young_technicians_station", "", 110, 0.81),
    ("soc-01", "Государственное бюджетное учреждение социального обслуживания «Комплексный центр социального обслуживания населения»", "КЦСОН", "social-services", "comprehensive_centre", "kcson", "", 600, 0.91),
    ("soc-02", "Государственное бюджетное стационарное учреждение социального обслуживания «Дом-интернат для престарелых и инвалидов»", "Дом-интернат для престарелых и инвалидов", "social-services", "stationary", "elderly_disabled_home", "", 120, 0.86),
    ("soc-03", "Государственное бюджетное учреждение социального обслуживания «Психоневрологический интернат»", "ПНИ", "social-services", "stationary", "psychoneurological_home", "", 90, 0.79),
    ("soc-04", "Государственное казённое учреждение социального обслуживания «Реабилитационный центр для детей и подростков с ограниченными возможностями»", "Реабилитационный центр для детей", "social-services", "rehabilitation_centre", "children_rehabilitation_centre", "", 150, 0.93),
    ("soc-05", "Государственное казённое учреждение «Социальный приют для детей и подростков»", "Социальный приют", "social-services", "social_shelter", "children_shelter", "", 50, 0.88),
    ("soc-06", "Государственное бюджетное учреждение «Центр социальной помощи семье и детям»", "Центр помощи семье и детям", "social-services", "comprehensive_centre", "family_children_centre", "", 260, 0.90),
    ("soc-07", "Государственное бюджетное учреждение «Геронтологический центр»", "Геронтологический центр", "social-services", "stationary", "gerontological_centre", "", 80, 0.83),
    ("soc-08", "Государственное бюджетное учреждение социального обслуживания «Социально-реабилитационный центр для несовершеннолетних»", "СРЦН", "social-services", "social_shelter", "minors_rehabilitation_centre", "", 70, 0.85),
]

# Organisations whose sample is left short on purpose, so the report shows the flag.
SHORT_SAMPLE = {"cul-06", "soc-03"}

SUGGESTIONS = [
    "Продлить часы работы в выходные дни",
    "Обновить информацию на стенде, расписание устарело",
    "Установить пандус у бокового входа",
    "Сделать на сайте версию для слабовидящих крупнее, шрифт мелкий",
    "Больше мероприятий для пожилых людей",
    "Спасибо сотрудникам за внимательное отношение!",
    "Нужна питьевая вода в холле",
    "Отвечать на звонки быстрее; до регистратуры не дозвониться",
    "Парковка \"для инвалидов\" занята чужими машинами",
    "Добавить онлайн-запись | через Госуслуги",
]


def load(path):
    # BaseLoader keeps every scalar a string: no YAML 1.1 yes/no booleans.
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.BaseLoader)


def sector_config(sector):
    folder = os.path.join(ROOT, "Configs", "sectors", sector)
    return {
        "questions": load(os.path.join(folder, "questionnaire.yaml"))["questions"],
        "checklists": load(os.path.join(folder, "checklists.yaml"))["checklists"],
    }


def weighted_choice(rng, options):
    point = rng.random()
    for value, weight in options:
        point -= weight
        if point <= 0:
            return value
    return options[-1][0]


def required_sample(recipients):
    return min(-(-recipients * 4 // 10), 600)


def answer(rng, question, quality, answers):
    qid = question["id"]
    kind = question["answer"]
    usage = {"q1": 0.6, "q3": 0.5, "q6": 0.12, "q10": 0.35, "heads_reception": 0.45}
    if kind == "yes_no":
        probability = usage.get(qid, quality)
        if rng.random() < 0.02:
            return ""  # left blank on the form
        return "да" if rng.random() < probability else "нет"
    if kind == "choice":
        return rng.choice(question["options"])["text"]
    if kind == "number":
        return str(rng.randint(18, 85))
    if kind == "text":
        return rng.choice(SUGGESTIONS) if rng.random() < 0.08 else ""
    raise ValueError(kind)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", default=os.path.join(ROOT, "Configs", "demo"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    configs = {sector: sector_config(sector) for sector in SECTORS}
    heads = load(os.path.join(ROOT, "Configs", "extra-criteria", "heads.yaml"))

    columns = []
    for sector in SECTORS:
        for question in configs[sector]["questions"] + heads.get("questions", []):
            if question["id"] not in columns:
                columns.append(question["id"])

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "organizations.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "name", "short_name", "sector", "type", "kind", "founder", "parent_id", "recipients"])
        for org in ORGANIZATIONS:
            oid, name, short, sector, type_, kind, parent, recipients, _ = org
            writer.writerow([oid, name, short, sector, type_, kind, FOUNDERS[sector], parent, recipients])

    with open(os.path.join(args.out, "checklists.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["organization_id", "checklist", "item", "value"])
        for org in ORGANIZATIONS:
            oid, sector, quality = org[0], org[3], org[8]
            for checklist in configs[sector]["checklists"] + heads.get("checklists", []):
                for item in checklist["items"]:
                    roll = rng.random()
                    value = "-" if roll < 0.02 else ("1" if roll < quality else "0")
                    writer.writerow([oid, checklist["id"], item["id"], value])

    response_id = 0
    with open(os.path.join(args.out, "responses.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["response_id", "organization_id", "channel"] + columns)
        for org in ORGANIZATIONS:
            oid, sector, recipients, quality = org[0], org[3], org[7], org[8]
            needed = required_sample(recipients)
            count = needed - rng.randint(5, 12) if oid in SHORT_SAMPLE else needed + rng.randint(0, 15)
            questions = configs[sector]["questions"] + heads.get("questions", [])
            for _ in range(count):
                response_id += 1
                answers = {}
                for question in questions:
                    condition = question.get("asked_if")
                    if condition and answers.get(condition["question"]) != ("да" if condition["answer"] == "yes" else "нет"):
                        continue
                    answers[question["id"]] = answer(rng, question, quality + rng.uniform(-0.05, 0.03), answers)
                channel = weighted_choice(rng, CHANNELS)
                writer.writerow([f"r{response_id:05d}", oid, channel] + [answers.get(column, "") for column in columns])
    print(f"{len(ORGANIZATIONS)} организаций, {response_id} анкет → {args.out}")


if __name__ == "__main__":
    main()
