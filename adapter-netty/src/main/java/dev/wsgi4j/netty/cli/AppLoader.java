package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Turns the command's APP argument into an {@link Application}, the Java form of gunicorn's {@code module:app}:
 * {@code com.example.Hello} is a class implementing {@code Application} with a public no-argument constructor;
 * {@code com.example.Apps::hello} is a public static field, or else a public static no-argument method, of that
 * class whose value is an {@code Application}. Every failure is an {@link AppLoadException} with one line that says
 * what was wrong, since it is all the user will see. An APP written {@code SCHEME:SPEC} is another kind of
 * application, loaded by the {@link AppScheme} the command has by that name ({@link AppSchemes}).
 */
final class AppLoader {

    private final ClassLoader loader;
    private final AppSchemes schemes;

    AppLoader(ClassLoader loader, AppSchemes schemes) {
        this.loader = loader;
        this.schemes = schemes;
    }

    Application load(String app) throws AppLoadException {
        if (AppSchemes.schemeOf(app) != null) {
            return schemes.load(app);
        }
        int sep = app.indexOf("::");
        String className = sep < 0 ? app : app.substring(0, sep);
        String member = sep < 0 ? null : app.substring(sep + 2);
        if (className.isBlank() || (member != null && member.isBlank())) {
            throw new AppLoadException("APP '" + app + "' is not CLASS or CLASS::MEMBER");
        }
        Class<?> type = findClass(className);
        return member == null ? construct(type) : fromMember(type, member, app);
    }

    private Class<?> findClass(String name) throws AppLoadException {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AppLoadException("class " + name + " not found on the class path (add its jar or directory "
                    + "with --classpath)");
        } catch (ExceptionInInitializerError e) {
            throw new AppLoadException("class " + name + " failed to initialize: " + describe(e.getCause()),
                    e.getCause());
        } catch (LinkageError e) {
            throw new AppLoadException("class " + name + " cannot be loaded: " + describe(e), e);
        }
    }

    private static Application construct(Class<?> type) throws AppLoadException {
        if (!Application.class.isAssignableFrom(type)) {
            throw new AppLoadException(type.getName() + " does not implement " + Application.class.getName()
                    + " (name a static field or method with CLASS::MEMBER)");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new AppLoadException(type.getName() + " is abstract and cannot be constructed");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new AppLoadException(type.getName() + " has no public no-argument constructor");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new AppLoadException(type.getName() + " is not a public class");
        }
        try {
            return (Application) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new AppLoadException("new " + type.getName() + "() failed: " + describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AppLoadException("new " + type.getName() + "() failed: " + describe(e));
        }
    }

    private static Application fromMember(Class<?> type, String name, String app) throws AppLoadException {
        Object value;
        Member found;
        try {
            Field field = type.getField(name);
            found = field;
            requireStatic(field, app);
            value = field.get(null);
        } catch (NoSuchFieldException noField) {
            Method method;
            try {
                method = type.getMethod(name);
            } catch (NoSuchMethodException noMethod) {
                throw new AppLoadException(type.getName() + " has no public static field or no-argument method "
                        + "named '" + name + "'");
            }
            found = method;
            requireStatic(method, app);
            try {
                value = method.invoke(null);
            } catch (InvocationTargetException e) {
                throw new AppLoadException(app + "() failed: " + describe(e.getCause()), e.getCause());
            } catch (IllegalAccessException e) {
                throw new AppLoadException(app + " is not accessible: " + describe(e));
            }
        } catch (IllegalAccessException e) {
            throw new AppLoadException(app + " is not accessible: " + describe(e));
        }
        if (!(value instanceof Application application)) {
            String what = value == null ? "null" : "a " + value.getClass().getName();
            throw new AppLoadException(app + " (a " + (found instanceof Field ? "field" : "method") + ") gives "
                    + what + ", not a " + Application.class.getName());
        }
        return application;
    }

    private static void requireStatic(Member member, String app) throws AppLoadException {
        if (!Modifier.isStatic(member.getModifiers())) {
            throw new AppLoadException(app + " is not static");
        }
        if (!Modifier.isPublic(member.getDeclaringClass().getModifiers())) {
            throw new AppLoadException(member.getDeclaringClass().getName() + " is not a public class");
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        String line = t.getClass().getName() + (message == null ? "" : ": " + message);
        return line.replaceAll("\\s*\\R\\s*", " ");
    }
}
