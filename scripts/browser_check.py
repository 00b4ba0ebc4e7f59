#!/usr/bin/python3
"""Drives headless Chromium through the web view of a running `artstore serve`.

    scripts/browser_check.py --base URL --token TOKEN --word WORD --versions N \
        --deleted WORD --inserted WORD --screenshots DIR

Signs in with the token, searches for WORD with the keyboard, opens the first
result, checks it shows N versions, opens the newest diff and finds DELETED in
a <del> and INSERTED in an <ins>, follows next-change links and `j`, switches
to dark mode by emulating prefers-color-scheme, checks the page fits 360 px,
and fails on any console error. Saves a screenshot of each page in DIR.
Exit status 0 when every check passed; 1 with the failed check otherwise.
"""
import argparse
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait


def main():
    parser = argparse.ArgumentParser()
    for name in ("base", "token", "word", "deleted", "inserted", "screenshots"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--versions", type=int, required=True)
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 15)
    problems = []

    def check(condition, message):
        print(("ok   " if condition else "FAIL ") + message, flush=True)
        if not condition:
            problems.append(message)

    def shot(name):
        driver.save_screenshot(os.path.join(args.screenshots, name + ".png"))

    def console_errors():
        return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]

    try:
        driver.get(args.base + "/")
        check("/login" in driver.current_url, "a page without a session leads to the login form")
        shot("01-login")
        driver.find_element(By.ID, "token").send_keys(args.token)
        driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "svg.chart")))
        check(driver.find_element(By.TAG_NAME, "h1").text == "Archive", "signing in with the token opens the home page")
        shot("02-home")

        # `/` focuses the search box; Enter searches.
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        active = driver.switch_to.active_element
        check(active.get_attribute("name") == "q", "the / key focuses the search box")
        active.send_keys(args.word + Keys.ENTER)
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "ol.results li a")))
        marks = driver.find_elements(By.CSS_SELECTOR, "ol.results mark")
        check(any(args.word.lower() in mark.text.lower() for mark in marks), "search highlights " + args.word)
        shot("03-search")
        driver.find_element(By.CSS_SELECTOR, "ol.results li a").click()
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "ol.timeline")))
        entries = driver.find_elements(By.CSS_SELECTOR, "ol.timeline > li")
        check(len(entries) == args.versions, "the article shows %d versions (found %d)" % (args.versions, len(entries)))
        check(len(driver.find_elements(By.CSS_SELECTOR, "svg.graph circle")) == args.versions, "the graph draws each version")
        shot("04-article")

        driver.find_element(By.CSS_SELECTOR, "ol.timeline > li a[href^='/diff/']").click()
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "div.diff")))
        deleted = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "div.diff del")]
        inserted = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "div.diff ins")]
        check(any(args.deleted in text for text in deleted), "the diff shows %r in <del> (%s)" % (args.deleted, deleted[:5]))
        check(any(args.inserted in text for text in inserted), "the diff shows %r in <ins> (%s)" % (args.inserted, inserted[:5]))
        shot("05-diff")

        changes = driver.find_elements(By.CSS_SELECTOR, "section.block.changed")
        check(len(changes) >= 2, "the diff has at least two changes (found %d)" % len(changes))
        driver.find_element(By.CSS_SELECTOR, "section#c1 a[href='#c2']").click()
        check(driver.current_url.endswith("#c2"), "next change goes to the second change")
        driver.find_element(By.TAG_NAME, "body").send_keys("j")
        selected = driver.find_elements(By.CSS_SELECTOR, "[data-item].selected")
        check(len(selected) == 1 and selected[0].get_attribute("id") == "c1", "j selects the first change")

        side = driver.find_element(By.LINK_TEXT, "Side by side")
        side.click()
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "div.diff div.side")))
        shot("06-diff-side-by-side")

        driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        check(background == "rgb(22, 23, 26)", "dark mode follows prefers-color-scheme (%s)" % background)
        shot("07-diff-dark")

        driver.set_window_size(360, 800)
        driver.back()
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "div.diff")))
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 360, "the inline diff fits 360 px (scroll width %d)" % width)
        shot("08-diff-narrow-dark")
        driver.get(args.base + "/articles")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 360, "the article list fits 360 px (scroll width %d)" % width)
        shot("09-articles-narrow-dark")

        errors = console_errors()
        check(not errors, "no console errors (%s)" % errors)
    finally:
        driver.quit()
    if problems:
        print("%d checks failed" % len(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
