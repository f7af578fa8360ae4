package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.netty.BindFailedException;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ListenAddress;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.mount.Mounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code wsgi4j-server [options] APP}: serves one application until SIGTERM or SIGINT, then stops gracefully and
 * exits 0, as {@code gunicorn module:app} does. A usage problem (bad option or value, an APP that cannot be loaded)
 * is one line on standard error and exit status 2; a server that cannot start, one line and status 1. Standard
 * output and error are this command's user interface (picocli's writers); what the running server says is logged.
 * <p>Nothing here logs before {@link #call} has configured the error log ({@link ErrorLog}): the logging binding
 * reads its settings when the first logger is made, so this class holds no static logger.
 */
@Command(name = "wsgi4j-server", mixinStandardHelpOptions = true, version = "wsgi4j-server 0.1.0-SNAPSHOT",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Serves a wsgi4j application over HTTP/1.1.",
        footer = {"", "Every option may also be set in the --config file by its name without the dashes, as in "
                + "'bind=0.0.0.0:8000' or 'keep-alive=10s'; the command line wins.",
                "SIGTERM or SIGINT: stop accepting connections, close idle ones, let running requests finish within "
                        + "--graceful-timeout (their answers say Connection: close), then exit with status 0.",
                "SIGUSR1: reopen the --access-log and --error-log files (after logrotate renamed them).",
                "SIGHUP: load APP again from --classpath in a fresh class loader (SCHEME:SPEC: by its scheme) and "
                        + "serve it; running requests finish on the old one, which is then closed. A failed reload "
                        + "keeps the old one serving.",
                "Exit status: 0 stopped by a signal or --check-config passed; 1 the server could not start; "
                        + "2 a bad option or value, or an APP that cannot be loaded."})
public final class Wsgi4jServer implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "APP", arity = "0..1",
            description = {"The application: CLASS, a class implementing dev.wsgi4j.Application with a public "
                    + "no-argument constructor, or CLASS::MEMBER, a public static field or no-argument method of "
                    + "CLASS that gives one (like com.example.Hello or com.example.Apps::hello); or SCHEME:SPEC, "
                    + "an application of another kind the command adds (wsgi4j-python's python:MODULE:CALLABLE).",
                    "Optional when --mount gives at least one application."})
    String app;

    @Option(names = "--classpath", paramLabel = "PATHS",
            description = "Jars and directories to load APP from, besides this command's own class path, "
                    + "separated by '${sys:path.separator}'.")
    String classpath;

    // More applications under path prefixes: --mount (MountOptions).
    @Mixin
    MountOptions mounts = new MountOptions();

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of options, by name without the dashes (see below).")
    Path config;

    @Option(names = "--check-config",
            description = "Load APP and the options, print what would be served, and exit without serving.")
    boolean checkConfig;

    /** gunicorn's most used option, taken so that its users get an answer rather than "Unknown option". */
    @Option(names = "--workers", hidden = true)
    String workers;

    @Mixin
    ServerOptions options = new ServerOptions();

    @Mixin
    LogOptions logs = new LogOptions();

    @Spec
    CommandSpec spec;

    /** The kinds of APP besides Java classes that the command was given ({@link AppSchemes#add}). */
    final AppSchemes schemes = new AppSchemes();

    /** Set for the process's own command only: the JVM's logging is then this command's to configure. */
    private boolean ownsLogging;

    public static void main(String[] args) {
        System.exit(runProcess(args, cl -> {
        }));
    }

    /**
     * As {@link #run(String[], PrintWriter, PrintWriter, Consumer)} on standard output and error, for a process's
     * {@code main}: this one also configures the logging binding the runnable jar bundles ({@code --log-level},
     * {@code --error-log}, {@link ErrorLog}), which a caller sharing its JVM (a test) must not have changed under it.
     */
    public static int runProcess(String[] args, Consumer<CommandLine> customize) {
        // Before the parse: converting an option's value may already log (Netty's address parsing does), and
        // slf4j-simple reads its format and default level once, at the first logger. call() sets the level again
        // for a --config file's log-level, which then applies to wsgi4j's loggers, made later.
        ErrorLog.configure(LogLevel.fromArguments(args));
        Wsgi4jServer command = new Wsgi4jServer();
        command.ownsLogging = true;
        CommandLine cl = commandLine(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        customize.accept(cl);
        return execute(cl, args);
    }

    /** Parses {@code args}, and serves or checks; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, cl -> {
        });
    }

    /**
     * As {@link #run(String[], PrintWriter, PrintWriter)}, for a command that is this one under another name,
     * such as the demo: {@code customize} may rename the command and add to its help before {@code args} are
     * parsed.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Consumer<CommandLine> customize) {
        CommandLine cl = commandLine(new Wsgi4jServer(), out, err);
        customize.accept(cl);
        return execute(cl, args);
    }

    /**
     * Makes {@code bind} where {@code cl} (this command, as {@code customize} gets it) listens when neither its
     * arguments nor a {@code --config} file give a {@code bind}; the demo's 127.0.0.1:8080, for one.
     */
    public static void setDefaultBind(CommandLine cl, String bind) {
        ListenAddress.parse(bind);
        ((Wsgi4jServer) cl.getCommand()).options.defaultBind = bind;
    }

    /** This command with one-line errors, writing to {@code out} and {@code err}; see {@link #execute}. */
    static CommandLine commandLine(Wsgi4jServer command, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(command).setOut(out).setErr(err);
        cl.setDefaultValueProvider(Defaults.builtIn());
        cl.setParameterExceptionHandler((e, args) -> {
            err.println(cl.getCommandName() + ": " + oneLine(e.getMessage()) + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            LoggerFactory.getLogger(Wsgi4jServer.class).debug("failed", e);
            err.println(cl.getCommandName() + ": " + oneLine(e.toString()));
            return 1;
        });
        return cl;
    }

    /**
     * Runs {@code cl} on {@code args}, its defaults first read from the {@code --config} file that {@code args}
     * name: picocli asks for defaults before it has parsed {@code --config}, so that one is found beforehand.
     */
    static int execute(CommandLine cl, String[] args) {
        Path file = Defaults.configArgument(args);
        if (file != null) {
            Defaults defaults;
            try {
                defaults = Defaults.fromFile(file, configKeys(cl.getCommandSpec()));
            } catch (IllegalArgumentException e) {
                cl.getErr().println(cl.getCommandName() + ": " + oneLine(e.getMessage()));
                cl.getErr().flush();
                return 2;
            }
            cl.setDefaultValueProvider(defaults);
            // A bad value the file gave is reported under the file's key, not an option the user never typed.
            CommandLine.IParameterExceptionHandler plain = cl.getParameterExceptionHandler();
            cl.setParameterExceptionHandler((e, a) -> {
                String blamed = defaults.blameFile(oneLine(e.getMessage()), cl.getCommandSpec(), args);
                if (blamed == null) {
                    return plain.handleParseException(e, a);
                }
                cl.getErr().println(cl.getCommandName() + ": " + blamed);
                return 2;
            });
        }
        return cl.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        app = usage(() -> schemes.rootApp(app)); // the positional APP, or the one a scheme's option names
        if (app == null && mounts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'APP' (or a --mount)");
        }
        if (workers != null) {
            throw new ParameterException(spec.commandLine(), "there is no --workers: one JVM process runs "
                    + "requests on every core (see --io-threads and --threads)");
        }
        LogLevel level = usage(logs::level);
        if (ownsLogging) {
            ErrorLog.configure(level); // first: before anything, the application included, logs
        }
        ServerConfig serverConfig = usage(options::toConfig);
        ClassLoader loader = usage(() -> AppClassPath.loader(classpath, Wsgi4jServer.class.getClassLoader()));
        AtomicReference<GatewayServer> serving = new AtomicReference<>();
        AtomicReference<AppReloader> reloader = new AtomicReference<>();
        if (!checkConfig) {
            ErrorLog errorLog;
            try {
                errorLog = ErrorLog.open(ownsLogging ? logs.errorLogFile() : null);
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println(spec.name() + ": cannot open the error log "
                        + logs.errorLogFile() + ": " + oneLine(e.toString()));
                return 1;
            }
            // Already now: SIGUSR1's default action ends the JVM, and logrotate may send it while APP loads.
            ProcessSignals.onReopen(() -> {
                GatewayServer server = serving.get();
                if (server != null) {
                    server.reopenAccessLog();
                }
                errorLog.reopen();
            });
            ProcessSignals.onReload(() -> { // already now too: SIGHUP's default action also ends the JVM
                AppReloader apps = reloader.get();
                if (apps != null) {
                    apps.reloadLater();
                } else {
                    LoggerFactory.getLogger(Wsgi4jServer.class).warn(
                            "SIGHUP ignored: the server has not started, or has no APP at the root to reload");
                }
            });
        }
        AppLoader appLoader = new AppLoader(loader, schemes);
        Application application = null;
        try {
            application = app == null ? null : appLoader.load(app);
        } catch (AppLoadException e) {
            throw new ParameterException(spec.commandLine(), "cannot load APP " + app + ": " + e.getMessage());
        }
        Application root = application;
        Mounts served = usage(() -> mounts.toMounts(root, appLoader, serverConfig));
        if (checkConfig) {
            spec.commandLine().getOut().print(report(application, serverConfig));
            spec.commandLine().getOut().flush();
            return 0;
        }
        Logger log = LoggerFactory.getLogger(Wsgi4jServer.class);
        if (log.isDebugEnabled()) {
            log.debug("current configuration:\n{}", report(application, serverConfig).strip());
        }
        return serve(served, serverConfig, loader, serving, reloader, log);
    }

    private int serve(Mounts served, ServerConfig serverConfig, ClassLoader loader,
            AtomicReference<GatewayServer> serving, AtomicReference<AppReloader> reloader, Logger log)
            throws InterruptedException {
        GatewayServer server = new GatewayServer(served, serverConfig);
        // SIGHUP reloads the positional APP, the root's; mounted applications stay as they were loaded, and so does
        // the loader they came from.
        AppReloader apps = app == null ? null
                : new AppReloader(app, classpath, Wsgi4jServer.class.getClassLoader(), loader, server, schemes);
        if (apps != null && served.entries().size() > 1) {
            apps.sharingFirstLoader();
        }
        // Inherited by every thread the server makes: the current application's loader, switched at each reload.
        Thread.currentThread().setContextClassLoader(apps != null ? apps.contextLoader() : loader);
        // Before the start: a SIGTERM that arrives while the port is bound but the start not yet returned (a
        // supervisor that saw the port open) must still be a graceful stop with status 0, not the JVM's 143.
        CountDownLatch stopRequested = new CountDownLatch(1);
        ProcessSignals.onStop(stopRequested::countDown);
        // Before the start too: a SIGHUP that follows the first answer (a deploy script's) must reload, not be
        // ignored because the port opened before this line ran. A swap before the start is served from the start.
        reloader.set(apps);
        try {
            server.start();
        } catch (java.io.UncheckedIOException e) { // the access log's file
            spec.commandLine().getErr().println(spec.name() + ": " + oneLine(e.getMessage()) + ": "
                    + oneLine(e.getCause().toString()));
            return 1;
        } catch (IllegalStateException e) { // the metrics: their listener's address, or Micrometer missing
            spec.commandLine().getErr().println(spec.name() + ": " + oneLine(e.getMessage()));
            return 1;
        } catch (BindFailedException e) { // names the address and the reason
            spec.commandLine().getErr().println(spec.name() + ": " + oneLine(e.getMessage()));
            return 1;
        }
        serving.set(server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(options.gracefulTimeout()),
                "wsgi4j-shutdown"));
        stopRequested.await();
        log.info("stopping: no new connections; running requests have {} to finish",
                OptionValues.format(options.gracefulTimeout()));
        server.stop(options.gracefulTimeout());
        log.info("stopped");
        return 0;
    }

    /** What {@code --check-config} prints (and the debug log at start): APP, the settings, the mounts, the schemes. */
    private String report(Application application, ServerConfig serverConfig) {
        List<String> apps = new ArrayList<>();
        apps.add(app);
        apps.addAll(mounts.apps());
        return ConfigReport.describe(app, application, serverConfig, options, classpath)
                + mounts.describe(serverConfig) + schemes.describe(apps);
    }

    /** Runs {@code step}; the IllegalArgumentException of a bad value becomes a usage error (one line, status 2). */
    private <T> T usage(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Keys a {@code --config} file may hold: every option but those about the command itself. */
    static Set<String> configKeys(CommandSpec spec) {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                keys.add(Defaults.key(option));
            }
        }
        keys.remove("config");
        keys.remove("check-config");
        keys.remove("workers");
        return keys;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
