/**
 * The uwsgi protocol, as nginx's {@code uwsgi_pass} speaks it (README "The uwsgi protocol", SPEC.md "uwsgi"): with
 * {@code --protocol uwsgi} a connection's HTTP/1.1 codec is replaced by {@link dev.wsgi4j.netty.uwsgi.UwsgiStages},
 * which turn one uwsgi packet into the request objects the body stage and the gateway already serve, and the vars
 * nginx computed into a {@link dev.wsgi4j.netty.uwsgi.UwsgiOrigin} that the one environ builder reads through. Only
 * allowed peers connect ({@link dev.wsgi4j.netty.uwsgi.UwsgiSettings}).
 */
package dev.wsgi4j.netty.uwsgi;
