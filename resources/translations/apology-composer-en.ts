<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CustomersPage</name>
    <message numerus="yes">
        <source>%s — %Ln rows</source>
        <translation>
            <numerusform>%s — %Ln row</numerusform>
            <numerusform>%s — %Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Customers saved in the campaign — %Ln rows</source>
        <translation>
            <numerusform>Customers saved in the campaign — %Ln row</numerusform>
            <numerusform>Customers saved in the campaign — %Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%s (%Ln addresses)</source>
        <translation>
            <numerusform>%s (%Ln address)</numerusform>
            <numerusform>%s (%Ln addresses)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln addresses from the saved list</source>
        <translation>
            <numerusform>%Ln address from the saved list</numerusform>
            <numerusform>%Ln addresses from the saved list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending to %s of %Ln rows</source>
        <translation>
            <numerusform>Sending to %s of %Ln row</numerusform>
            <numerusform>Sending to %s of %Ln rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message numerus="yes">
        <source>Taking in %Ln customers…</source>
        <translation>
            <numerusform>Taking in %Ln customer…</numerusform>
            <numerusform>Taking in %Ln customers…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln rows left out</source>
        <translation>
            <numerusform>%Ln row left out</numerusform>
            <numerusform>%Ln rows left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to fix before sending</source>
        <translation>
            <numerusform>%Ln to fix before sending</numerusform>
            <numerusform>%Ln to fix before sending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages to read</source>
        <translation>
            <numerusform>%Ln message to read</numerusform>
            <numerusform>%Ln messages to read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows read; checking…</source>
        <translation>
            <numerusform>%Ln row read; checking…</numerusform>
            <numerusform>%Ln rows read; checking…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending to %s of %Ln rows</source>
        <translation>
            <numerusform>Sending to %s of %Ln row</numerusform>
            <numerusform>Sending to %s of %Ln rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message numerus="yes">
        <source>%s (%Ln codes)</source>
        <translation>
            <numerusform>%s (%Ln code)</numerusform>
            <numerusform>%s (%Ln codes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln codes for {0}: {1}.</source>
        <translation>
            <numerusform>%Ln code for {0}: {1}.</numerusform>
            <numerusform>%Ln codes for {0}: {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln people</source>
        <comment>codes for N people</comment>
        <translation>
            <numerusform>%Ln person</numerusform>
            <numerusform>%Ln people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln codes left over</source>
        <translation>
            <numerusform>%Ln code left over</numerusform>
            <numerusform>%Ln codes left over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty: give a fallback</source>
        <translation>
            <numerusform>%Ln empty: give a fallback</numerusform>
            <numerusform>%Ln empty: give a fallback</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty</source>
        <translation>
            <numerusform>%Ln empty</numerusform>
            <numerusform>%Ln empty</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the people getting it have no %s.</source>
        <translation>
            <numerusform>%Ln person getting it has no %s.</numerusform>
            <numerusform>%Ln of the people getting it have no %s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxViewer</name>
    <message numerus="yes">
        <source>%Ln messages received.</source>
        <translation>
            <numerusform>%Ln message received.</numerusform>
            <numerusform>%Ln messages received.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>%Ln recipients match.</source>
        <translation>
            <numerusform>%Ln recipient matches.</numerusform>
            <numerusform>%Ln recipients match.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message numerus="yes">
        <source>Delivery report with %Ln rows saved to {0}.</source>
        <translation>
            <numerusform>Delivery report with %Ln row saved to {0}.</numerusform>
            <numerusform>Delivery report with %Ln rows saved to {0}.</numerusform>
        </translation>
    </message>
</context>
</TS>
