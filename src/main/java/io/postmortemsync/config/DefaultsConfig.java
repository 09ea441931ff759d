package io.postmortemsync.config;

import io.postmortemsync.postmortem.ItemType;

/** @param type the type of an item whose document names none */
public record DefaultsConfig(ItemType type) {}
