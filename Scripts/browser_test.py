#!/usr/bin/env python3
"""Headless Chromium against a running nok-survey (see test-browser.sh).

Usage: browser_test.py BASE_URL DATABASE
Answers a culture institution's questionnaire with JavaScript on (q1 = yes opens q2) and off (the server
asks for the missing q2, then q1 = no skips it), checks each submission in SQLite, and checks lang, labels,
contrast, focus order, the phone width and the version for the visually impaired. Exit 1 on a failure."""
import json
import sqlite3
import sys

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BASE, DATABASE = sys.argv[1], sys.argv[2]
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def browser(javascript):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium-headless-shell"
    options.add_argument("--headless")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-gpu")
    options.add_argument("--window-size=1024,900")
    if not javascript:
        options.add_argument("--blink-settings=scriptEnabled=false")
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def database():
    return sqlite3.connect(DATABASE)


def culture_link():
    with database() as db:
        return db.execute("""SELECT l.code, l.organization_id FROM survey_link l JOIN organization o ON o.id = l.organization_id
                             WHERE o.sector = 'culture' ORDER BY l.organization_id LIMIT 1""").fetchone()


def web_responses(organization):
    with database() as db:
        rows = db.execute("""SELECT r.id FROM response r JOIN survey_submission s ON s.response_id = r.id
                             WHERE r.organization_id = ? AND r.channel = 'web' ORDER BY r.id""", (organization,)).fetchall()
        return [row[0] for row in rows]


def answers(response):
    """Question -> (value, counted): a response keeps its answers packed as JSON, those given against a filter apart."""
    with database() as db:
        counted, ignored = db.execute("SELECT answers, ignored FROM response WHERE id = ?", (response,)).fetchone()
    result = {q: (v, 1) for q, v in json.loads(counted).items()}
    result.update({q: (v, 0) for q, v in json.loads(ignored).items()})
    return result


def suggestion(response):
    with database() as db:
        row = db.execute("SELECT text FROM response_comment WHERE response_id = ? AND question = 'suggestions'", (response,)).fetchone()
    return row[0] if row else None


def fill(driver, gate_answer, skip=None, javascript=True):
    """Answers every question the skip logic asks, in page order, by clicking labels (so labels must work)."""
    chosen = {}
    for box in driver.find_elements(By.CSS_SELECTOR, "form fieldset"):
        question = box.get_attribute("id")[2:]
        gate, wanted = box.get_attribute("data-if"), box.get_attribute("data-is")
        applies = gate is None or chosen.get(gate) == wanted
        if javascript and gate is not None:
            check(box.is_displayed() == applies, f"JS: question {question} shown only when its condition holds ({applies})")
        if not applies or question == skip:
            continue
        radios = box.find_elements(By.CSS_SELECTOR, "input[type=radio]")
        if radios:
            value = gate_answer if question == "q1" else radios[0].get_attribute("value")
            target = next(r for r in radios if r.get_attribute("value") == value)
            driver.find_element(By.CSS_SELECTOR, f'label[for="{target.get_attribute("id")}"]').click()
            chosen[question] = value
        elif box.find_elements(By.CSS_SELECTOR, "input[type=number]"):
            box.find_element(By.CSS_SELECTOR, "input[type=number]").send_keys("34")
        elif box.find_elements(By.CSS_SELECTOR, "textarea"):
            box.find_element(By.CSS_SELECTOR, "textarea").send_keys("Проверка браузером")
    return chosen


def replaced(page):
    """True once `page` is gone. During navigation Chromium may answer «node does not belong to the document»
    instead of a stale-element error (seen on a loaded CI machine); both mean the old page is gone."""
    def check(_driver):
        try:
            page.is_enabled()
            return False
        except WebDriverException:
            return True
    return check


def submit(driver):
    """Clicks the submit button and waits until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 15).until(replaced(page))
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def rgb(text):
    return [int(float(part)) for part in text[text.index("(") + 1:text.index(")")].split(",")[:3]]


def contrast(a, b):
    high, low = sorted([luminance(rgb(a)), luminance(rgb(b))], reverse=True)
    return (high + 0.05) / (low + 0.05)


def accessibility(driver, url):
    driver.get(url)
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru", "lang=\"ru\"")
    inputs = driver.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), textarea, select")
    unlabeled = [i.get_attribute("id") for i in inputs
                 if not driver.find_elements(By.CSS_SELECTOR, f'label[for="{i.get_attribute("id")}"]')]
    check(inputs and not unlabeled, f"every one of {len(inputs)} inputs has a label (without: {unlabeled})")
    positive = driver.execute_script("return [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length")
    check(positive == 0, "no positive tabindex (focus follows the page order)")
    body_color = driver.execute_script("return getComputedStyle(document.body).color")
    body_background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    check(contrast(body_color, body_background) >= 7, f"text contrast {contrast(body_color, body_background):.1f}:1 ≥ 7:1")
    hint = driver.execute_script("return getComputedStyle(document.querySelector('.hint')).color")
    check(contrast(hint, body_background) >= 4.5, f"hint contrast {contrast(hint, body_background):.1f}:1 ≥ 4.5:1")
    button = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
    check(contrast(button.value_of_css_property("color"), button.value_of_css_property("background-color")) >= 4.5, "button contrast ≥ 4.5:1")
    # Focus order: Tab from the top reaches the skip link, the version switch, then the questions in page order.
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    order = []
    for _ in range(80):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        element = driver.switch_to.active_element
        order.append(element.get_attribute("id") or element.get_attribute("class") or element.tag_name)
        if element.tag_name == "button":
            break
    check(order[0] == "skip", f"Tab starts at the skip link: {order[:3]}")
    positions = driver.execute_script("""
        const all = [...document.querySelectorAll('a, input:not([type=hidden]), textarea, select, button')];
        return arguments[0].map(id => all.findIndex(e => (e.id || e.className || e.tagName.toLowerCase()) === id));""", order)
    check(positions == sorted(positions) and order[-1] == "button", f"Tab follows the page order to the submit button ({len(order)} stops)")
    # A phone (and 200 % zoom on a 720 px window): nothing scrolls sideways.
    driver.set_window_size(360, 740)
    driver.get(url)
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"no sideways scrolling at 360 px (overflow {overflow} px)")
    driver.set_window_size(1024, 900)
    driver.get(url + "?vid=1")
    size = float(driver.execute_script("return getComputedStyle(document.body).fontSize")[:-2])
    check(size >= 24, f"version for the visually impaired: {size:.0f} px type")
    driver.get(url + "?vid=0")


def operator_entry(code, organization):
    """An operator types a phone interview with the keyboard only: channel, digits for answers, Enter."""
    driver = browser(javascript=True)
    try:
        driver.get(BASE + "/operator/login")
        driver.find_element(By.ID, "login").send_keys("operator")
        page = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.ID, "password").send_keys("оператор-пароль-2025" + Keys.ENTER)
        WebDriverWait(driver, 15).until(replaced(page))
        check(driver.current_url.endswith("/operator"), "operator: signed in with the keyboard")
        driver.get(f"{BASE}/operator/entry/{code}")
        check(driver.switch_to.active_element.get_attribute("id") == "channel", "operator: the channel field has the focus")
        driver.switch_to.active_element.send_keys("т")  # «телефон»
        driver.switch_to.active_element.send_keys(Keys.TAB)
        presses = 0
        while driver.switch_to.active_element.get_attribute("type") == "radio" and presses < 40:
            driver.switch_to.active_element.send_keys("1")
            presses += 1
        active = driver.switch_to.active_element
        check(active.get_attribute("type") == "number", f"operator: {presses} digits answered every question, the cursor is on the number")
        page = driver.find_element(By.TAG_NAME, "html")
        active.send_keys("40" + Keys.ENTER)
        WebDriverWait(driver, 15).until(replaced(page))
        check("saved=phone-" in driver.current_url and "Анкета сохранена" in driver.page_source, "operator: saved, ready for the next form")
        check(driver.switch_to.active_element.get_attribute("name") == "a.q1", "operator: after saving the cursor is on question 1")
        with database() as db:
            row = db.execute("""SELECT r.channel, s.operator_login, s.client_hash FROM response r JOIN survey_submission s ON s.response_id = r.id
                                WHERE r.organization_id = ? ORDER BY r.id DESC LIMIT 1""", (organization,)).fetchone()
        check(row == ("phone", "operator", None), f"operator: stored as a phone interview by «operator» ({row})")
    finally:
        driver.quit()


def main():
    code, organization = culture_link()
    url = f"{BASE}/q/{code}"
    before = web_responses(organization)

    driver = browser(javascript=True)
    try:
        accessibility(driver, url)
        driver.get(url)
        check(not driver.find_element(By.ID, "f-q2").is_displayed(), "JS: q2 hidden until q1 is answered «Да»")
        chosen = fill(driver, gate_answer="yes")
        check(chosen.get("q2") is not None, "JS: q2 appeared after q1 = «Да» and was answered")
        submit(driver)
        check(driver.current_url.endswith("/spasibo") and "Спасибо" in driver.page_source, "JS on: thank-you page after submitting")
        after = web_responses(organization)
        check(len(after) == len(before) + 1, "JS on: one new web response in the database")
        stored = answers(after[-1]) if after else {}
        check(stored.get("q1") == ("yes", 1) and stored.get("q2", (None, 0))[1] == 1, f"JS on: q1 = yes and q2 counted ({stored.get('q2')})")
        check(suggestion(after[-1]) == "Проверка браузером", "JS on: the free text is stored as a suggestion")
    finally:
        driver.quit()

    driver = browser(javascript=False)
    try:
        driver.get(url)
        check(driver.find_element(By.ID, "f-q2").is_displayed() and driver.find_element(By.ID, "h-q2").is_displayed(),
              "JS off: q2 shown with its «Отвечайте, только если…» hint")
        fill(driver, gate_answer="yes", skip="q2", javascript=False)
        submit(driver)
        check("Ответьте на этот вопрос." in driver.page_source and "/spasibo" not in driver.current_url,
              "JS off: the server asks for q2 after q1 = «Да»")
        check(len(web_responses(organization)) == len(before) + 1, "JS off: nothing stored by the refused form")
        check(driver.find_element(By.ID, "q1-yes").is_selected(), "JS off: the refused form keeps the answers")
        driver.get(url)
        fill(driver, gate_answer="no", skip="q2", javascript=False)
        submit(driver)
        check(driver.current_url.endswith("/spasibo"), "JS off: q1 = «Нет», q2 skipped, thank-you page")
        if not driver.current_url.endswith("/spasibo"):
            errors = driver.find_elements(By.CSS_SELECTOR, ".errors, .error, h1")
            print("     page: " + driver.current_url + " — " + " | ".join(e.text for e in errors)[:600])
        after = web_responses(organization)
        check(len(after) == len(before) + 2, "JS off: the second web response is in the database")
        stored = answers(after[-1]) if after else {}
        check(stored.get("q1") == ("no", 1) and "q2" not in stored, f"JS off: q1 = no, no answer to q2 ({sorted(stored)})")
    finally:
        driver.quit()

    operator_entry(code, organization)

    if failures:
        print(f"Не прошло проверок: {len(failures)}")
        sys.exit(1)
    print("Браузерный тест пройден.")


if __name__ == "__main__":
    main()
