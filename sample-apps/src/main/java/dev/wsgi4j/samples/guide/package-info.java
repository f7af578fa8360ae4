/**
 * The application of docs/flask.md ("wsgi4j for Flask developers"): {@link dev.wsgi4j.samples.guide.GuestbookApp},
 * the guestbook the guide writes once with Flask and once with wsgi4j. The guide's Java blocks are excerpts of this
 * package and its tests, checked verbatim by FlaskGuideTest, so they compile and run as written.
 */
package dev.wsgi4j.samples.guide;
