package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.netty.GatewayServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SIGHUP's work (README "Reloading"): loads APP again from its {@code --classpath} in a fresh class loader, so that
 * changed classes are picked up, and swaps it in ({@link GatewayServer#swap}): gunicorn's HUP without new processes.
 * A reload that fails (class missing, constructor throwing, not an application) leaves the running application
 * serving and logs why. Once the replaced application has finished its last request and been closed, its class
 * loader is closed too and nothing of the server keeps it: its classes can be collected. Reloads run one at a time
 * on a thread of their own, never on the JVM's signal thread.
 */
final class AppReloader {

    private final String app;
    private final String classpath;
    private final ClassLoader parent;
    private final AppContextLoader context;
    private final GatewayServer server;
    private final AppSchemes schemes;
    private final ExecutorService reloads;
    /** A loader never closed here: the first one, when mounted applications were loaded from it too. */
    private volatile ClassLoader shared;
    private final Logger log = LoggerFactory.getLogger(AppReloader.class);

    /**
     * @param loaded the loader the serving application came from ({@link AppClassPath#loader}): {@code parent}
     *               itself when there is no {@code --classpath}, else a loader this reloader closes once replaced
     * @param server serving the application {@code loaded} gave
     */
    AppReloader(String app, String classpath, ClassLoader parent, ClassLoader loaded, GatewayServer server,
                AppSchemes schemes) {
        this.app = app;
        this.schemes = schemes;
        this.classpath = classpath;
        this.parent = parent;
        this.context = new AppContextLoader(parent, loaded);
        this.server = server;
        this.reloads = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "wsgi4j-reload");
            thread.setDaemon(true);
            thread.setContextClassLoader(parent);
            return thread;
        });
    }

    /**
     * The context class loader to give the server's threads (before they exist: they inherit it) so that none of
     * them keeps a replaced application's loader.
     */
    AppContextLoader contextLoader() {
        return context;
    }

    /**
     * Keeps the first loader open after the first reload: mounted applications ({@code --mount}) came from it too and
     * go on serving; only the root's APP is reloaded.
     */
    AppReloader sharingFirstLoader() {
        this.shared = context.current();
        return this;
    }

    /** Queues a reload, for the signal handler: it returns at once. */
    void reloadLater() {
        reloads.execute(this::reload);
    }

    /**
     * Loads APP afresh and swaps it in. The stage completes when the replaced application has been closed and its
     * class loader with it; exceptionally, with the {@link AppLoadException}, when the reload failed and the running
     * application serves on.
     */
    CompletionStage<Void> reload() {
        ClassLoader fresh;
        Application next;
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try {
            fresh = AppClassPath.loader(classpath, parent);
            thread.setContextClassLoader(fresh); // what APP's constructor starts belongs to the new application
            try {
                next = new AppLoader(fresh, schemes).load(app);
            } catch (AppLoadException | RuntimeException | LinkageError e) {
                closeLoader(fresh);
                throw e;
            }
        } catch (AppLoadException | RuntimeException | LinkageError e) {
            // One line that says why, then the stack of what APP's own code threw, if it threw.
            Throwable cause = e instanceof AppLoadException ? e.getCause() : e;
            log.error("reloading APP {} failed; the running application serves on: {}", app, e.getMessage(), cause);
            return CompletableFuture.failedFuture(e instanceof AppLoadException ? e : new AppLoadException(
                    String.valueOf(e.getMessage()), e));
        } finally {
            thread.setContextClassLoader(before);
        }
        ClassLoader replaced = context.current();
        log.info("reloaded APP {} from {}", app, AppSchemes.schemeOf(app) != null ? "its scheme, afresh"
                : fresh == parent ? "the command's class path (no --classpath: a new instance of the same classes)"
                : "a fresh class loader over --classpath " + classpath);
        CompletionStage<Void> retired = server.swap(next);
        context.use(fresh); // a request still running on the old application sees it too (AppContextLoader)
        return retired.whenComplete((done, failure) -> closeLoader(replaced));
    }

    /** Closes {@code loader} when it is one of ours: a {@code --classpath} loader, never the command's own. */
    private void closeLoader(ClassLoader loader) {
        if (loader != parent && loader != shared && loader instanceof URLClassLoader urls) {
            try {
                urls.close();
            } catch (IOException e) {
                log.warn("closing the replaced application's class loader failed", e);
            }
        }
    }
}
