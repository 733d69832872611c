"""The engine: a discrete-event simulation of both platforms and the connector.

One virtual clock and one event queue serve HubSpot, Salesforce and the
connector alike. A journey event (a form submission, a rep's edit) is queued
at its time; handling it changes records; each change asks the platforms
what it triggers — enrolments, record-triggered flows, syncs — and those
either run at once, inside the same step (a save order runs to the end), or
are queued for later (a delay, a scheduled path, the connector's next poll).
The run ends when the queue is empty or the scenario's time is up. Every
change is written to the trace with its cause, so the report can say why a
field holds its value.
"""
