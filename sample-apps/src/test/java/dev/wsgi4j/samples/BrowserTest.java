package dev.wsgi4j.samples;

import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo in a real browser: Debian's headless Chromium, driven by Selenium through /usr/bin/chromedriver, fills and
 * submits the forms, uploads files and follows redirects. One browser session serves every step (startup is slow).
 * Without a browser the test is skipped, except under CI, where a missing browser is a failure ({@link Installed}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path temp;

    /** Held so the level sticks: without the DevTools module Selenium warns about every Chromium version. */
    private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private static GatewayServer server;
    private static WebDriver browser;
    private static String base;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        Installed.require(installed, CHROMIUM + " or " + CHROMEDRIVER + " is missing: apt-get install chromium "
                + "chromium-driver to run this test");
        createHomeDirectories();
        server = new GatewayServer(new DemoApp(Files.createDirectory(temp.resolve("demo"))),
                ServerConfig.builder().host("127.0.0.1").port(0).build()).start();
        base = "http://127.0.0.1:" + server.port();

        CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--user-data-dir=" + Files.createDirectory(temp.resolve("profile")));
        browser = new ChromeDriver(options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** The surefire configuration points HOME and the XDG dirs at target/; Chromium expects them to exist. */
    private static void createHomeDirectories() throws IOException {
        for (String name : List.of("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")) {
            String dir = System.getenv(name);
            if (dir != null) {
                Files.createDirectories(Path.of(dir));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    @Order(1)
    void theFormShowsWhatWasTypedEscapedAndDecoded() {
        browser.get(base + "/");
        assertThat(browser.getTitle()).isEqualTo("wsgi4j demo");

        browser.findElement(By.name("name")).sendKeys("Ada <Lovelace>");
        browser.findElement(By.name("message")).sendKeys("2 + 2 = 4 & more, ümlaut");
        browser.findElement(By.cssSelector("form[action='/process_form'] button")).click();
        waitFor(ExpectedConditions.urlToBe(base + "/process_form"));

        List<String> rows = browser.findElements(By.cssSelector("#fields li")).stream().map(WebElement::getText).toList();
        assertThat(rows).containsExactly("name = Ada <Lovelace>", "message = 2 + 2 = 4 & more, ümlaut");
    }

    @Test
    @Order(2)
    void theUploadFormSendsTheChosenFilesAndThePageShowsTheirHashes() throws Exception {
        Path first = Files.writeString(temp.resolve("hello.txt"), "hello\n");
        Path second = Files.write(temp.resolve("empty.bin"), new byte[0]);
        browser.get(base + "/");

        browser.findElement(By.name("file")).sendKeys(first + "\n" + second);
        browser.findElement(By.name("note")).sendKeys("from chromium");
        browser.findElement(By.cssSelector("form[action='/upload'] button")).click();
        waitFor(ExpectedConditions.urlToBe(base + "/upload"));

        assertThat(browser.findElement(By.tagName("body")).getText()).contains(
                "\"fields\":{\"note\":[\"from chromium\"]}",
                "{\"field\":\"file\",\"filename\":\"hello.txt\",\"size\":6,"
                        + "\"sha256\":\"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\","
                        + "\"content_type\":\"text/plain\"}",
                "\"filename\":\"empty.bin\",\"size\":0,"
                        + "\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"");
    }

    @Test
    @Order(3)
    void aLinkOnTheIndexLeadsToItsRoute() {
        browser.get(base + "/");
        browser.findElement(By.linkText("/hello/world")).click();
        waitFor(ExpectedConditions.urlToBe(base + "/hello/world"));

        assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("hello, /world");
    }

    @Test
    @Order(4)
    void theBrowserFollowsTheRedirectToTheIndex() {
        browser.get(base + "/redirect");

        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/");
        assertThat(browser.getTitle()).isEqualTo("wsgi4j demo");
    }

    @Test
    @Order(5)
    void theBrowserFollowsTheRedirectToALocalPath() {
        browser.get(base + "/redirect?to=%2Fhello%2Fvia%20redirect");

        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/hello/via%20redirect");
        assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("hello, /via redirect");
    }

    @Test
    @Order(6)
    void aFlashMessageSurvivesTheRedirectAfterPostAndShowsOnlyOnce() {
        browser.get(base + "/");
        browser.findElement(By.linkText("/flash")).click();
        waitFor(ExpectedConditions.urlToBe(base + "/flash"));
        assertThat(browser.findElements(By.id("flash"))).isEmpty();

        browser.findElement(By.name("message")).sendKeys("Saved <b>bold</b> & ümlaut; 100%");
        browser.findElement(By.cssSelector("form[action='/flash'] button")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("flash")));

        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/flash");
        assertThat(browser.findElement(By.id("flash")).getText()).isEqualTo("Saved <b>bold</b> & ümlaut; 100%");
        assertThat(browser.manage().getCookieNamed("flash")).isNull();

        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("flash"))).isEmpty();
        assertThat(browser.findElement(By.name("message")).isDisplayed()).isTrue();
    }

    private static void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
    }
}
